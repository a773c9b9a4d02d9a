"""The base of every input serializer: JSON values must have the type the schema states.

DRF is lenient by design (`"5"` is read as 5, `0` as `"0"`, `"true"` as True). That suits
forms and query strings, where everything arrives as text, but in a JSON body it means the code
accepts requests the OpenAPI schema calls invalid. `InputSerializer` checks the JSON type of every
value first (nested lists, dicts and serializers included) and leaves form, multipart and query
input (a QueryDict) to DRF's usual parsing.
"""

import copy
from collections.abc import Mapping
from typing import Any

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
)
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.fields import empty

# What a person reads when a field is refused: DRF's stock sentences ("This field may not be
# blank.", "Ensure this value is less than or equal to 5.") rewritten once, here, by error code,
# for every field of every input serializer. Pages show messages exactly as the API sends them.
# A field's own message, set where it is declared (e.g. TextField's), is kept.
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
    "max_value": ("Use {} or less.", "Use {} or less."),
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

# "Has a character that is not a space", as Python's str.strip() sees spaces (the code trims
# with it), written so JSON Schema's ECMA regexes agree: ECMA's \s lacks \x1c-\x1f and \x85
# (Python trims them) and has \ufeff (Python keeps it).
NOT_BLANK = r"[^\s\x1c-\x1f\x85]|\ufeff"

_STRING_FIELDS = (serializers.CharField, serializers.DateField, serializers.DateTimeField)


def _json_type_error(field: serializers.Field, value: Any) -> str | None:
    """Why `value` cannot be this field's JSON type, or None when it can."""
    if value is None:
        return None if field.allow_null else FILL_THIS_IN
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else "Choose yes or no (true or false)."
    if isinstance(field, serializers.IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "Enter a whole number, like 4."
    if isinstance(field, (serializers.FloatField, serializers.DecimalField)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "Enter a number."
    if isinstance(field, (serializers.ChoiceField, *_STRING_FIELDS)):
        if isinstance(field, serializers.MultipleChoiceField):
            return None if isinstance(value, list) else "Choose from the list."
        return None if isinstance(value, str) else "Enter some text (a string)."
    return None


def _check(field: serializers.Field, value: Any) -> Any:
    """The errors for `value` (a message, a list or a dict of them), or None."""
    if isinstance(field, serializers.ListSerializer):
        if not isinstance(value, list):
            return "Choose from the list."
        errors = {str(i): e for i, item in enumerate(value) if (e := _check(field.child, item))}
        return errors or None
    if isinstance(field, serializers.Serializer):
        if not isinstance(value, Mapping):
            return None  # DRF answers a non-object with its own error
        return _check_object(field, value) or None
    if isinstance(field, serializers.ListField):
        if not isinstance(value, list):
            return None  # DRF refuses it
        errors = {str(i): e for i, item in enumerate(value) if (e := _check(field.child, item))}
        return errors or None
    if isinstance(field, serializers.DictField):
        if not isinstance(value, Mapping):
            return None
        errors = {str(k): e for k, item in value.items() if (e := _check(field.child, item))}
        return errors or None
    return _json_type_error(field, value)


def _check_object(serializer: serializers.Serializer, data: Mapping) -> dict[str, Any]:
    errors = {}
    for field in serializer.fields.values():
        if field.read_only:
            continue
        key = field.field_name
        if key in data and (error := _check(field, data[key])):
            errors[key] = error if isinstance(error, (dict, list)) else [error]
    return errors


class InputSerializer(serializers.Serializer):
    """Validates a request's input; in a JSON body every value must have its schema type."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            _state_not_blank(field)
            _speak_plainly(field)
        return fields

    def to_internal_value(self, data: Any) -> Any:
        is_json = isinstance(data, Mapping) and not isinstance(data, QueryDict)
        type_errors = _check_object(self, data) if is_json else {}
        # Every field's error at once (a form shows them all): type errors win on their field.
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            detail = error.detail if isinstance(error.detail, dict) else {}
            if not type_errors or not detail:
                raise
            raise serializers.ValidationError({**detail, **type_errors}) from None
        if type_errors:
            raise serializers.ValidationError(type_errors, code="invalid")
        return value


# --- Text limits the pages show --------------------------------------------------------------
# An input serializer is the one source of its fields' limits: pages read them from
# GET /api/v1/config/ (`limits`) or from the server-rendered page ({% limit "task.title" %}),
# never from a copy. A serializer a page fills in registers under a short form name.
_PAGE_FORMS: dict[str, type[serializers.Serializer]] = {}


def page_form(name: str):
    """Class decorator: the text limits of this input serializer reach pages as `name`."""

    def register(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
        if _PAGE_FORMS.setdefault(name, serializer_class) is not serializer_class:
            raise ValueError(f"Two input serializers registered as the page form {name!r}.")
        return serializer_class

    return register


def field_text_limit(field: serializers.Field) -> int | None:
    """The most characters `field` (or each item of a list field) takes, or None."""
    if isinstance(field, serializers.ListField):
        field = field.child
    if (stated := getattr(field, "text_limit", None)) is not None:
        return stated  # a field whose pattern bounds its length (a handle) says so itself
    if not isinstance(field, serializers.CharField):
        return None
    lengths = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    return min(lengths) if lengths else None


def text_limits() -> dict[str, dict[str, int]]:
    """{form name: {field: most characters}} for every registered page form (worked out once
    per set of registered forms: fields are built by instantiating each serializer)."""
    key = tuple(sorted(_PAGE_FORMS))
    if _limits_cache.get("key") != key:
        limits = {}
        for name in key:
            fields = _PAGE_FORMS[name]().fields
            limits[name] = {
                field_name: limit
                for field_name, field in fields.items()
                if (limit := field_text_limit(field))
            }
        _limits_cache.update(key=key, limits=limits)
    return copy.deepcopy(_limits_cache["limits"])


_limits_cache: dict[str, Any] = {}


class CrossFieldRules:
    # Mixin for an input serializer with rules across fields: `schema_any_of` states each rule
    # in the schema as a group of JSON Schema `anyOf` alternatives (all groups must hold); the
    # serializer's `validate` or the service enforces them. (No docstring: the schema takes a
    # serializer's description from the first docstring in its classes.)

    schema_any_of: list[list[dict[str, Any]]] = []
    # Rules about the request alone, which a partial update (PATCH) obeys too.
    schema_any_of_always: list[list[dict[str, Any]]] = []


# "A link or a file": a non-blank `link`, or a `file` (the schema's `anyOf` alternatives).
LINK_OR_FILE = [
    {"required": ["link"], "properties": {"link": {"type": "string", "pattern": NOT_BLANK}}},
    {"required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}},
]


class UniqueListField(serializers.ListField):
    """A list whose items are all different (the schema says `uniqueItems`); a repeat answers
    400 with `duplicate=(message, code)`."""

    def __init__(self, *, duplicate: tuple[str, str], **kwargs: Any) -> None:
        self.duplicate = duplicate
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list:
        value = super().to_internal_value(data)
        # Repeats are judged as `uniqueItems` judges them: on the items as sent. Two entries that
        # differ only in keys the server ignores are different items, not a malformed list (a
        # rule about their meaning, e.g. one skill at two levels, may still refuse them).
        sent = list(data)
        if any(item in sent[:position] for position, item in enumerate(sent)):
            message, code = self.duplicate
            raise serializers.ValidationError(message, code=code)
        return value


class TextField(serializers.CharField):
    """Free text whose rules the schema states: `not_blank=(message, code)` documents and checks
    "has a non-space character", `limit=(length, message, code)` the maximum length ("{limit}"
    in either message is that length, as 1,000). The codes are the stable codes the services
    used to answer, so clients see the same error."""

    def __init__(
        self,
        *,
        not_blank: tuple[str, str] | None = None,
        limit: tuple[int, str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        # Spaces are kept: the length the schema states is the length checked.
        kwargs.setdefault("trim_whitespace", False)
        validators = list(kwargs.pop("validators", []))
        if limit:  # "{limit}" in a message is the length, written for people (1,000)
            words = f"{limit[0]:,}"
            limit = (limit[0], limit[1].format(limit=words), limit[2])
            if not_blank:
                not_blank = (not_blank[0].format(limit=words), not_blank[1])
        self._blank_error = not_blank
        if not_blank:
            message, code = not_blank
            validators.append(RegexValidator(NOT_BLANK, message=message, code=code))
        if limit:
            length, message, code = limit
            validators.append(MaxLengthValidator(length, message=message))
            validators[-1].code = code
        super().__init__(validators=validators, **kwargs)

    def run_validation(self, data: Any = empty) -> Any:
        # "" is refused with the field's own message and code (DRF's would be a generic "blank"),
        # and the schema states no empty-string alternative.
        if data == "" and self._blank_error:
            message, code = self._blank_error
            raise serializers.ValidationError(message, code=code)
        return super().run_validation(data)


def _state_not_blank(field: serializers.Field) -> None:
    """A trimmed, required text field refuses "   ": say so in the schema with a pattern."""
    if isinstance(field, serializers.ListField):
        _state_not_blank(field.child)
    elif (
        isinstance(field, serializers.CharField)
        and field.trim_whitespace
        and not field.allow_blank
        and not any(isinstance(v, RegexValidator) for v in field.validators)
    ):
        field.validators.append(RegexValidator(NOT_BLANK, message=FILL_THIS_IN, code="blank"))


def _stock_messages(field: serializers.Field) -> dict[str, str]:
    """DRF's own messages for this kind of field, as its __init__ collects them."""
    messages: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _speak_plainly(field: serializers.Field) -> None:
    """Rewrite the stock messages of `field` (and of a list's items) in plain words."""
    stock = _stock_messages(field)
    if isinstance(field, serializers.Serializer | serializers.ListSerializer):
        # A nested input serializer words its own fields; only "missing" is said here.
        for code in ("required", "null"):
            if field.error_messages.get(code) == stock.get(code):
                field.error_messages[code] = FILL_THIS_IN
        return
    if isinstance(field, serializers.ListField | serializers.DictField):
        _speak_plainly(field.child)
    is_list = isinstance(field, serializers.ListField | serializers.MultipleChoiceField)
    invalid = next((words for kind, words in _INVALID_BY_TYPE if isinstance(field, kind)), None)
    for code, message in field.error_messages.items():
        if message != stock.get(code):
            continue  # set where the field is declared: kept
        if isinstance(field, serializers.FileField) and code in _FILE_WORDS:
            field.error_messages[code] = _FILE_WORDS[code]
        elif code in _LIMIT_WORDS:
            field.error_messages[code] = _limit_words(code, getattr(field, code, None), is_list)
        elif code in _PLAIN_WORDS:
            field.error_messages[code] = _PLAIN_WORDS[code]
        elif code in _INVALID_CODES and invalid:
            field.error_messages[code] = invalid
        elif code == "empty":
            field.error_messages[code] = "Choose at least one." if is_list else FILL_THIS_IN
    stock_sentences = {str(message) for message in stock.values()}
    for validator in field.validators:
        # DRF's length and range validators carry its stock sentence under the rule's code; a
        # validator with a code of ours (TextField's `note_too_long`) already speaks plainly.
        if isinstance(validator, _LIMIT_VALIDATORS) and validator.code in _LIMIT_WORDS:
            validator.message = _limit_words(validator.code, validator.limit_value, is_list)
        elif isinstance(validator, ProhibitNullCharactersValidator):
            validator.message = _PLAIN_WORDS["null_characters_not_allowed"]
        elif str(getattr(validator, "message", "")) in stock_sentences and invalid:
            validator.message = invalid  # e.g. EmailField's EmailValidator, SlugField's regex


def _limit_words(code: str, limit: Any, is_list: bool) -> str:
    if limit is None:  # the rule is not set on this field: a sentence that needs no number
        return _UNSET_LIMIT_WORDS[code]
    return _LIMIT_WORDS[code][is_list].format(limit)
