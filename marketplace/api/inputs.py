"""The base of every input serializer: JSON values must have the type the schema states.

DRF is lenient by design (`"5"` is read as 5, `0` as `"0"`, `"true"` as True). That suits
forms and query strings, where everything arrives as text, but in a JSON body it means the code
accepts requests the OpenAPI schema calls invalid. `InputSerializer` checks the JSON type of every
value first (nested lists, dicts and serializers included) and leaves form, multipart and query
input (a QueryDict) to DRF's usual parsing.
"""

from collections.abc import Mapping
from typing import Any

from django.core.validators import MaxLengthValidator, RegexValidator
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.fields import empty

from marketplace.api.messages import FILL_THIS_IN, speak_plainly

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
        if field.child is None:
            return None
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


def _check_object(serializer: serializers.Serializer, data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    for field in serializer.fields.values():
        if field.read_only:
            continue
        key = str(field.field_name)  # set when the serializer bound its fields
        if key in data and (error := _check(field, data[key])):
            errors[key] = error if isinstance(error, (dict, list)) else [error]
    return errors


class InputSerializer(serializers.Serializer):
    """Validates a request's input; in a JSON body every value must have its schema type."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            _state_not_blank(field)
            speak_plainly(field)
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
