"""The normalised key that makes skill names comparable.

"Node.js", "node js" and "NODE-JS" share one key; "C", "C++" and "C#" do not, because "+" and "#"
carry meaning in skill names. Autocomplete and de-duplication both compare this key.
"""

import re
import unicodedata

from django.utils.text import slugify

_KEEP = re.compile(r"[^a-z0-9+#]+")
_SLUG_WORDS = {"+": " plus ", "#": " sharp "}


def skill_search_key(name: str) -> str:
    """Lowercase, accents stripped, anything but letters, digits, '+' and '#' collapsed to a
    single space."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _KEEP.sub(" ", ascii_only.casefold()).strip()


def skill_clean_name(name: str) -> str:
    """The display name as the person typed it, with runs of white space collapsed."""
    return " ".join(name.split())


def skill_base_slug(name: str) -> str:
    text = name
    for char, word in _SLUG_WORDS.items():
        text = text.replace(char, word)
    return slugify(text)[:70].strip("-") or "skill"
