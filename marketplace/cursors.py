"""The API's opaque list cursors, in one place: what a page link's cursor may look like, and
how a list that pages by its own key (not DRF's) writes and reads one.

DRF's cursors are standard base64 with padding; a list that writes its own (a day, say) uses
unpadded URL-safe base64 of a tagged text. Both refuse what no page link could hold: base64
decoding skips characters outside its alphabet, so a cursor of spaces or control characters
would otherwise read as "the first page"."""

import base64
import binascii
import re

# The cursors DRF makes: base64 (standard alphabet) of a short query string. The schema states
# every cursor parameter with this pattern (marketplace/api/schema.py).
CURSOR_PATTERN = r"^[A-Za-z0-9+/]+={0,2}$"
# What `cursor_encode` makes: unpadded URL-safe base64.
_URL_SAFE_PATTERN = r"^[A-Za-z0-9_-]+$"


class CursorMalformed(ValueError):
    """No page link could hold this cursor (a 400)."""


class CursorUnknown(ValueError):
    """Shaped like a page link's cursor, but not one the list gave (a 404, as DRF answers)."""


def cursor_is_well_formed(raw: str, *, url_safe: bool = False) -> bool:
    """Whether `raw` is shaped like a DRF cursor (or, with `url_safe`, also like one of
    `cursor_encode`'s)."""
    if url_safe and re.fullmatch(_URL_SAFE_PATTERN, raw):
        return True
    return re.fullmatch(CURSOR_PATTERN, raw) is not None


def cursor_encode(*, tag: str, value: str) -> str:
    """An opaque cursor for `value`, tagged so a cursor of another list is not read as one."""
    return base64.urlsafe_b64encode(f"{tag}:{value}".encode()).decode().rstrip("=")


def cursor_decode(raw: str, *, tag: str) -> str:
    """The value `cursor_encode` wrote under `tag`; CursorMalformed for what no link could hold,
    CursorUnknown for a well-shaped cursor of no such tag."""
    if not cursor_is_well_formed(raw, url_safe=True):
        raise CursorMalformed(raw)
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise CursorUnknown(raw) from None
    if not text.startswith(f"{tag}:"):
        raise CursorUnknown(raw)
    return text[len(tag) + 1 :]
