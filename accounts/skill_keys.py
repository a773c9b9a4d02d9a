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


# British and American spellings of one word share a spelling key. The rules run on both sides
# of every comparison, so a rule that also rewrites an unrelated word is harmless unless two real
# skill names collide (tests/matching/test_catalogue.py checks the starter catalogue for that).
_SPELLING_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"isation\b"), "ization"),
    (re.compile(r"isations\b"), "izations"),
    (re.compile(r"(?<=\w\w)is(e|ed|es|ing|er|ers)\b"), r"iz\1"),
    (re.compile(r"(?<=\w)ys(e|ed|es|ing)\b"), r"yz\1"),
    (re.compile(r"(?<=\w[aeiou])ll(ing|ed|er|ers)\b"), r"l\1"),
    (re.compile(r"(?<=\w\w\w)our\b"), "or"),
    (re.compile(r"(?<=\w\w)tre\b"), "ter"),
    (re.compile(r"(?<=\w\w)ogue\b"), "og"),
    (re.compile(r"\bprogramme\b"), "program"),
    (re.compile(r"\blicence\b"), "license"),
    (re.compile(r"\bdefence\b"), "defense"),
]


def skill_spelling_key(name: str) -> str:
    """The search key with British spellings folded into American ones, so "Data visualisation"
    and "Data visualization", "Financial modelling" and "Financial modeling" are one skill."""
    key = skill_search_key(name)
    for pattern, replacement in _SPELLING_RULES:
        key = pattern.sub(replacement, key)
    return key
