"""What a person reads when an input is refused, written once for every input serializer.

DRF's stock sentences ("This field may not be blank.", "Ensure this value is less than or equal
to 5.") are rewritten here, by error code and field type, for every field of every
`InputSerializer` (marketplace.api.inputs calls `speak_plainly` on each). Pages show the API's
messages exactly as sent, so no client keeps a copy of these words or parses DRF's. A message
set where a field is declared (e.g. TextField's) is kept.
"""

from typing import Any, cast

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from rest_framework import serializers

FILL_THIS_IN = "Fill this in."
_PLAIN_WORDS: dict[str, str] = {
    "required": FILL_THIS_IN,
    "null": FILL_THIS_IN,
    "blank": FILL_THIS_IN,
    "invalid_choice": "Choose one of the options.",
    "not_a_list": "Choose from the list.",
    "not_a_dict": "Send this as an object of named values.",
    "null_characters_not_allowed": "Remove the NUL character (an invisible control character).",
    "surrogate_characters_not_allowed": "Remove the unpaired surrogate character.",
    "max_string_length": "Enter a smaller number.",
    "max_digits": "Enter a smaller number.",
    "max_decimal_places": "Use fewer decimal places.",
    "no_name": "Choose a file.",
    "invalid_image": "Choose a picture (PNG, JPEG or WEBP).",
}
# "invalid" means what the field's type asks for (the most specific class listed first).
_INVALID_BY_TYPE: list[tuple[type, str]] = [
    (serializers.BooleanField, "Choose yes or no."),
    (serializers.IntegerField, "Enter a whole number, like 4."),
    (serializers.FloatField, "Enter a number."),
    (serializers.DecimalField, "Enter a number."),
    (serializers.URLField, "Enter a full web address, starting with https://."),
    (serializers.EmailField, "Enter an e-mail address like name@example.org."),
    (serializers.SlugField, "Use only letters, digits, hyphens and underscores."),
    (serializers.DateTimeField, "Enter a date and time like 2026-12-31T17:00:00Z."),
    (serializers.DateField, "Enter a date like 2026-12-31."),
    (serializers.FileField, "Choose a file."),
    (serializers.CharField, "Enter some text."),
    (serializers.ListField, "Choose from the list."),
]
# Rules with a number in them, said with the number (1,000 rather than 1000).
_LIMIT_WORDS = {
    "max_length": ("Keep it to {:,} characters or fewer.", "Choose at most {:,}."),
    "min_length": ("Write at least {:,} characters.", "Choose at least {:,}."),
    # Whole numbers count things (offers, places, hours): "10 or fewer"; amounts are "less".
    "max_value": ("Use {} or fewer.", "Use {} or fewer."),
    "min_value": ("Use {} or more.", "Use {} or more."),
}
_UNSET_LIMIT_WORDS = {
    "max_length": "Keep it shorter.",
    "min_length": "Write a little more.",
    "max_value": "Use a smaller number.",
    "min_value": "Use a larger number.",
}
_LIMIT_VALIDATORS = (MaxLengthValidator, MinLengthValidator, MaxValueValidator, MinValueValidator)
_FILE_WORDS = {
    "empty": "The file is empty: choose another one.",
    "max_length": "Give the file a shorter name.",
}
# Codes that mean "not what this type of field takes", said as the type's "invalid" sentence.
_INVALID_CODES = {"invalid", "invalid_unicode", "date", "datetime", "make_aware", "overflow"}


_Stock = tuple[dict[str, Any], dict[str, str], frozenset[str]]
_STOCK_BY_TYPE: dict[type, _Stock] = {}


def _stock_for_type(kind: type) -> _Stock:
    """DRF's own messages for a kind of field, as its __init__ collects them (the very objects,
    lazy translations), their text, and the set of their sentences. Once per field class: every
    request builds its input serializer's fields anew, and translating each stock message of
    every field again was most of building them (~2 ms of a browse request)."""
    found = _STOCK_BY_TYPE.get(kind)
    if found is None:
        found = _STOCK_BY_TYPE[kind] = _stock_collect(kind)
    return found


def _stock_collect(kind: type) -> _Stock:
    messages: dict[str, Any] = {}
    for cls in reversed(kind.__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    texts = {code: str(message) for code, message in messages.items()}
    return messages, texts, frozenset(texts.values())


def _is_stock(field: serializers.Field, code: str, message: Any) -> bool:
    """Whether `message` is still DRF's stock one for `code`: the same object (the common case,
    no translation needed), or the same words."""
    stock, texts, _ = _stock_for_type(type(field))
    if code not in stock:
        return False
    return message is stock[code] or str(message) == texts[code]


def speak_plainly(field: serializers.Field) -> None:
    """Rewrite the stock messages of `field` (and of a list's items) in plain words."""
    if isinstance(field, serializers.Serializer | serializers.ListSerializer):
        # A nested input serializer words its own fields; only "missing" is said here.
        for code in ("required", "null"):
            if _is_stock(field, code, field.error_messages.get(code)):
                field.error_messages[code] = FILL_THIS_IN
        return
    if isinstance(field, serializers.ListField | serializers.DictField):
        speak_plainly(field.child)
    is_list = isinstance(field, serializers.ListField | serializers.MultipleChoiceField)
    counted = not isinstance(field, serializers.FloatField | serializers.DecimalField)
    invalid = next((words for kind, words in _INVALID_BY_TYPE if isinstance(field, kind)), None)
    for code, message in field.error_messages.items():
        if not _is_stock(field, code, message):
            continue  # set where the field is declared: kept
        if isinstance(field, serializers.FileField) and code in _FILE_WORDS:
            field.error_messages[code] = _FILE_WORDS[code]
        elif code in _LIMIT_WORDS:
            field.error_messages[code] = _limit_words(
                code, getattr(field, code, None), is_list, counted=counted
            )
        elif code in _PLAIN_WORDS:
            field.error_messages[code] = _PLAIN_WORDS[code]
        elif code in _INVALID_CODES and invalid:
            field.error_messages[code] = invalid
        elif code == "empty":
            field.error_messages[code] = "Choose at least one." if is_list else FILL_THIS_IN
    stock_sentences = _stock_for_type(type(field))[2]
    for validator in field.validators:
        # DRF's length and range validators carry its stock sentence under the rule's code; a
        # validator with a code of ours (TextField's `note_too_long`) already speaks plainly.
        if isinstance(validator, _LIMIT_VALIDATORS) and validator.code in _LIMIT_WORDS:
            validator.message = _limit_words(
                validator.code, validator.limit_value, is_list, counted=counted
            )
        elif isinstance(validator, ProhibitNullCharactersValidator):
            validator.message = _PLAIN_WORDS["null_characters_not_allowed"]
        elif str(getattr(validator, "message", "")) in stock_sentences and invalid:
            # e.g. EmailField's EmailValidator, SlugField's regex (any validator with a message)
            cast(Any, validator).message = invalid


_AMOUNT_MAX_WORDS = "Use {} or less."


def _limit_words(code: str, limit: Any, is_list: bool, *, counted: bool = True) -> str:
    if limit is None:  # the rule is not set on this field: a sentence that needs no number
        return _UNSET_LIMIT_WORDS[code]
    if code == "max_value" and not counted:
        return _AMOUNT_MAX_WORDS.format(limit)
    return _LIMIT_WORDS[code][is_list].format(limit)
