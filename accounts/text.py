"""Turning what people type into safe HTML: one policy for bios and task descriptions.

Both are Markdown. Whatever HTML a person types is kept as text — escaped before Markdown sees
it — and the result still goes through nh3's allow-list, so no markup of theirs ever runs.
"""

from functools import lru_cache

import markdown
import nh3

_ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote"}
# Longer documents (task descriptions) may have sub-headings and rules as well.
_DOCUMENT_TAGS = _ALLOWED_TAGS | {"h3", "h4", "hr"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


@lru_cache(maxsize=512)
def markdown_to_safe_html(text: str, *, document: bool = False) -> str:
    """A pure function of its input, and building a Markdown parser costs ~1 ms: popular task
    pages and profiles are rendered once per process, not once per view."""
    if not text:
        return ""
    # Escape "&" and "<" only: ">" must survive for Markdown's block quotes.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    rendered = markdown.markdown(escaped, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        rendered,
        tags=_DOCUMENT_TAGS if document else _ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
