"""Turning what people type into safe HTML: one policy for bios and task descriptions.

Both are Markdown. Whatever HTML a person types is kept as text — escaped before Markdown sees
it — and the result still goes through nh3's allow-list, so no markup of theirs ever runs.
"""

import re
from functools import lru_cache

import markdown
import nh3
from markdown.preprocessors import Preprocessor

_ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote"}
# Longer documents (task descriptions) may have sub-headings and rules as well.
_DOCUMENT_TAGS = _ALLOWED_TAGS | {"h3", "h4", "hr"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}

# A list item as CommonMark lets it interrupt a paragraph: any bullet, or an ordered list that
# starts at 1 ("We paid 2. Then…" wrapped onto a new line must stay prose).
_INTERRUPTING_ITEM = re.compile(r"^ {0,3}(?:[-*+]|1[.)])[ \t]+\S")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


class _ListAfterParagraph(Preprocessor):
    """Python-Markdown needs a blank line before a list; people (and CommonMark) do not:
    "**Done looks like:**\\n- a\\n- b" is a paragraph followed by a list. Insert the blank line
    where a list item directly follows a line of prose, and nowhere inside lists or code."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        previous = "blank"  # "blank", "text" (prose outside a list) or "list"
        for line in lines:
            if not line.strip():
                out.append(line)
                # A blank line ends prose; inside a list it may be followed by more of the list.
                previous = "blank" if previous != "list" else "list-gap"
                continue
            is_item = _LIST_ITEM.match(line) and not _THEMATIC_BREAK.match(line)
            if is_item:
                if previous == "text" and _INTERRUPTING_ITEM.match(line):
                    out.append("")
                    previous = "list"
                elif previous == "text":
                    previous = "text"  # "2. something" wrapped inside prose stays prose
                else:
                    previous = "list"
            elif previous == "list" or (previous == "list-gap" and line[:1] in " \t"):
                previous = "list"  # continuation (lazy or indented) of a list item
            elif previous == "blank" and line.startswith(("    ", "\t")):
                previous = "blank"  # indented code: leave it alone
            else:
                previous = "text"
            out.append(line)
        return out


class _CommonMarkLists(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After "normalize_whitespace" (30), before anything that parses blocks.
        md.preprocessors.register(_ListAfterParagraph(md), "list_after_paragraph", 25)


@lru_cache(maxsize=512)
def markdown_to_safe_html(text: str, *, document: bool = False) -> str:
    """A pure function of its input, and building a Markdown parser costs ~1 ms: popular task
    pages and profiles are rendered once per process, not once per view."""
    if not text:
        return ""
    # Escape "&" and "<" only: ">" must survive for Markdown's block quotes.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    rendered = markdown.markdown(
        escaped, extensions=["sane_lists", _CommonMarkLists()], output_format="html"
    )
    return nh3.clean(
        rendered,
        tags=_DOCUMENT_TAGS if document else _ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
