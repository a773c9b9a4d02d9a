"""Task descriptions are Markdown; pages insert only this sanitised HTML."""

from functools import lru_cache

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote",
    "h3", "h4", "hr",
}  # fmt: skip


@lru_cache(maxsize=512)
def markdown_to_safe_html(text: str) -> str:
    """Pure function of the text, and a Markdown parser is built per call (~ms): popular task
    pages are rendered once per process, not once per view."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
