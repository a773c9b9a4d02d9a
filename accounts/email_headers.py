"""E-mail header text built from what people typed: one line, printable, of a sane length.

A subject such as `Slipstream: “<task title>”` carries user text into a header. Python's e-mail
package refuses a header with a line break (`ValueError`), so a task title with a newline would
lose the e-mail; NUL and other control characters are no better, and bidirectional controls let a
name reorder the subject a reader sees. Every header made from user text goes through here.
"""

import unicodedata

# A subject longer than this is cut (with an ellipsis): mail clients show ~60-80 characters, and
# RFC 5322 asks for lines under 78, so anything past this helps no reader.
SUBJECT_MAX_CHARS = 150

# Unicode categories read as a space: controls (NUL, CR, LF, tab, U+0085 ...), every kind of space
# separator, and the line and paragraph separators (U+2028, U+2029).
_AS_SPACE = {"Cc", "Zs", "Zl", "Zp"}
# Format characters (Cf: bidirectional marks and overrides, zero-width joiners, the BOM) and
# unassigned, private-use or surrogate code points are dropped: invisible in a subject, or not text.
_DROPPED = {"Cf", "Cn", "Co", "Cs"}


def header_text(value: str, *, max_chars: int = SUBJECT_MAX_CHARS) -> str:
    """`value` as one header-safe line: whitespace and control characters collapsed to single
    spaces, invisible format characters dropped, trimmed and cut to `max_chars` (with "…")."""
    kept = []
    for char in str(value):
        category = unicodedata.category(char)
        if category in _AS_SPACE or char.isspace():
            kept.append(" ")
        elif category not in _DROPPED:
            kept.append(char)
    line = " ".join("".join(kept).split())
    if len(line) > max_chars:
        line = line[: max_chars - 1].rstrip() + "…"
    return line
