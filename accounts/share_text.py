"""Plain-text previews of user-written Markdown, for the <meta> tags link previews read."""

import html

from django.utils.html import strip_tags
from django.utils.text import Truncator

from accounts.text import markdown_to_safe_html


def markdown_preview(text: str, *, chars: int = 200) -> str:
    """The first `chars` characters of `text` as it reads, without Markdown or HTML: the
    template escapes it again, so this returns plain (unescaped) text."""
    plain = html.unescape(strip_tags(markdown_to_safe_html(text)))
    return Truncator(" ".join(plain.split())).chars(chars)
