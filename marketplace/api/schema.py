"""Document the one error shape, and every status each operation answers, in the OpenAPI schema."""

import copy
import re
from typing import Any

from drf_spectacular.authentication import SessionScheme as _SessionScheme
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from marketplace.api.inputs import NOT_BLANK
from marketplace.cursors import CURSOR_PATTERN


class SessionScheme(_SessionScheme):
    """Our 401-answering session authentication is still cookie auth in the schema."""

    target_class = "marketplace.api.authentication.SessionAuthentication"


class XSessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = (
        "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication"
    )
    name = "appSessionToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "X-Session-Token"}


class UniqueListFieldScheme(OpenApiSerializerFieldExtension):
    target_class = "marketplace.api.inputs.UniqueListField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "uniqueItems": True}


class CrossFieldRulesScheme(OpenApiSerializerExtension):
    """Rules across fields ("a link or a file") are stated as `anyOf` on the request body.

    A partial update (PATCH) leaves them out: the stored object supplies the missing half.
    """

    target_class = "marketplace.api.inputs.CrossFieldRules"
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            groups = copy.deepcopy(self.target.schema_any_of_always)
            if not getattr(self.target, "partial", False):
                groups += copy.deepcopy(self.target.schema_any_of)
            if groups:
                # Set as anyOf/allOf by `add_error_responses`, after drf-spectacular has named
                # the enums (it would name the `enum: [true]` of a rule as a choice set).
                schema[_RULES_KEY] = groups
        return schema


_RULES_KEY = "x-cross-field-rules"


def _cross_field_rules(schemas: dict[str, Any]) -> None:
    for component in schemas.values():
        groups = component.pop(_RULES_KEY, None)
        if groups and len(groups) == 1:
            component["anyOf"] = groups[0]
        elif groups:
            component["allOf"] = [{"anyOf": group} for group in groups]


def _blank_alternatives_overlap(node: Any) -> None:
    """drf-spectacular states a text field that may be blank as `oneOf: [the field, a string of
    length 0]`; where the field's own pattern also takes "" that `oneOf` would refuse "", so it
    is an `anyOf` (either is fine)."""
    if isinstance(node, dict):
        alternatives = node.get("oneOf")
        if (
            isinstance(alternatives, list)
            and len(alternatives) == 2
            and alternatives[1] == {"type": "string", "maxLength": 0}
        ):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _blank_alternatives_overlap(value)
    elif isinstance(node, list):
        for value in node:
            _blank_alternatives_overlap(value)


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string", "description": "Stable machine-readable code."},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "Per-field messages for validation errors.",
                },
            },
        }
    },
}
_ERRORS = {
    "400": "Invalid input.",
    "401": "Not signed in.",
    "403": "Not allowed.",
    "404": "Not found (or not yours).",
    "405": "Method not allowed.",
    "429": "Too many requests.",
}
_BODY_ERRORS = {
    "413": "The request body is larger than this server accepts.",
    "415": "Unsupported media type (send JSON, or multipart where files are taken).",
}
_CONFLICT = {"409": "The object's current state does not allow this (or it is a duplicate)."}
_UNAVAILABLE = {"503": "The payments provider could not be reached; try again shortly."}
_METHODS = {"get", "post", "put", "patch", "delete"}
_WRITE_METHODS = {"post", "put", "patch", "delete"}
# Operations that call the payments provider while the person waits (the rest do it in tasks).
_CALLS_PROVIDER = re.compile(r"/payouts/|/fund/|/checkout/")
# Only multipart carries files; JSON and urlencoded bodies document the other fields.
_FILE_MEDIA = "multipart/form-data"


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    _enum_var_names(result["components"]["schemas"])
    _cross_field_rules(result["components"]["schemas"])
    _blank_alternatives_overlap(result["components"]["schemas"])
    _nul_refused(result)
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            _empty_query_values_allowed(operation)
            errors = dict(_ERRORS)
            if "requestBody" in operation:
                errors |= _BODY_ERRORS
                _body_required_by_rules(result, operation)
                _files_only_in_multipart(result, operation)
            if method in _WRITE_METHODS:
                errors |= _CONFLICT
            if _CALLS_PROVIDER.search(path):
                errors |= _UNAVAILABLE
            for code, description in errors.items():
                if code == "400" and method == "get" and not operation.get("parameters"):
                    continue
                responses.setdefault(code, {"description": description, "content": ref})
    return result


# DRF's CharField refuses a NUL character in any text (Django's ProhibitNullCharactersValidator),
# so every text the API reads states a pattern that refuses it. A text with no pattern gets
# NO_NUL; "has a non-space character" (NOT_BLANK) becomes the same rule without NUL; any other
# unanchored pattern is framed by NUL-free text; anchored ones already name every character.
NO_NUL = "^[^\\u0000]*$"
NOT_BLANK_NO_NUL = "^[^\\u0000]*(?:[^\\s\\u0000\\u001c-\\u001f\\u0085]|\\ufeff)[^\\u0000]*$"
_NOT_BLANK_SPELLINGS = {NOT_BLANK, "[^\\s\\u001c-\\u001f\\u0085]|\\ufeff"}
# Texts that are not free text: their format or enum already refuses NUL.
_NOT_FREE_TEXT = {"binary", "date", "date-time", "uri"}


def _text_without_nul(node: dict[str, Any]) -> None:
    pattern = node.get("pattern")
    if pattern is None:
        node["pattern"] = NO_NUL
    elif pattern in _NOT_BLANK_SPELLINGS:
        node["pattern"] = NOT_BLANK_NO_NUL
    elif not pattern.startswith("^"):
        node["pattern"] = f"^[^\\u0000]*(?:{pattern})[^\\u0000]*$"


def _nul_refused_in(node: Any) -> None:
    if isinstance(node, dict):
        if (
            node.get("type") == "string"
            and "enum" not in node
            and node.get("format") not in _NOT_FREE_TEXT
        ):
            _text_without_nul(node)
        for value in node.values():
            _nul_refused_in(value)
    elif isinstance(node, list):
        for value in node:
            _nul_refused_in(value)


def _nul_refused(result: dict[str, Any]) -> None:
    """Request bodies and query parameters state that NUL is refused; a `cursor` states the
    shape of the cursors the API makes (the paginator refuses any other)."""
    for name, component in result["components"]["schemas"].items():
        if name.endswith("Request"):
            _nul_refused_in(component)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _METHODS:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                if parameter.get("name") == "cursor":
                    parameter["schema"] = {"type": "string", "pattern": CURSOR_PATTERN}
                else:
                    _nul_refused_in(parameter.get("schema"))
            for media in operation.get("requestBody", {}).get("content", {}).values():
                if "$ref" not in media.get("schema", {}):
                    _nul_refused_in(media.get("schema"))


# The paginator reads `page_size` itself and refuses an empty one.
_EMPTY_MEANS_INVALID = {"page_size"}


def _enum_var_names(schemas: dict[str, Any]) -> None:
    """Generated clients name each enum value after its letters ("Etc/GMT+1" and "Etc/GMT-1"
    would both be ETC_GMT1): where names would collide, `x-enum-varnames` gives distinct ones."""
    for component in schemas.values():
        values = component.get("enum") or []
        if not all(isinstance(value, str) and value for value in values):
            continue
        names = [re.sub(r"[^A-Za-z0-9]+", "", value).upper() for value in values]
        if len(set(names)) == len(names):
            continue
        component["x-enum-varnames"] = [_var_name(value) for value in values]


def _var_name(value: str) -> str:
    value = re.sub(r"\+(?=\d)", "_plus_", value)
    value = re.sub(r"-(?=\d)", "_minus_", value)
    return re.sub(r"[^A-Za-z0-9]+", "_", value).strip("_").upper()


def _empty_query_values_allowed(operation: dict[str, Any]) -> None:
    """An optional query parameter sent empty (`?ordering=`) is read as not sent, as HTML forms
    send it: the schema says so rather than calling such a request invalid."""
    for parameter in operation.get("parameters", []):
        if parameter.get("name") in _EMPTY_MEANS_INVALID:
            continue
        if parameter.get("in") == "query" and not parameter.get("required"):
            parameter["allowEmptyValue"] = True


def _body_required_by_rules(result: dict[str, Any], operation: dict[str, Any]) -> None:
    """A body whose cross-field rules ask for a field (`anyOf` alternatives that each require
    one) cannot be left out."""
    schemas = result["components"]["schemas"]
    for media in operation["requestBody"].get("content", {}).values():
        name = media.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
        component = schemas.get(name, {})
        groups = [component] if "anyOf" in component else component.get("allOf", [])
        if any(all(alt.get("required") for alt in group["anyOf"]) for group in groups):
            operation["requestBody"]["required"] = True


def _file_encodings(schemas: dict[str, Any], multipart: dict[str, Any] | None) -> None:
    """A file field naming the media types it takes (`x-content-types`, checked by content)
    states them as the multipart part's `encoding.contentType`."""
    if not multipart:
        return
    name = multipart.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
    for key, prop in schemas.get(name, {}).get("properties", {}).items():
        if types := prop.get("x-content-types"):
            multipart.setdefault("encoding", {})[key] = {"contentType": ", ".join(types)}


def _files_only_in_multipart(result: dict[str, Any], operation: dict[str, Any]) -> None:
    """A JSON or urlencoded body cannot carry a file: its schema leaves file fields out, and
    the media type is dropped when a file is required."""
    schemas = result["components"]["schemas"]
    content = operation["requestBody"].get("content", {})
    _file_encodings(schemas, content.get(_FILE_MEDIA))
    for media_type in list(content):
        if media_type == _FILE_MEDIA:
            continue
        ref = content[media_type].get("schema", {}).get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        component = schemas.get(name)
        if not component:
            continue
        properties = component.get("properties", {})
        files = {key for key, prop in properties.items() if prop.get("format") == "binary"}
        if not files:
            continue
        if files & set(component.get("required", [])):
            del content[media_type]
            continue
        without = copy.deepcopy(component)
        for key in files:
            del without["properties"][key]
        # Alternatives that need a file cannot be met without one.
        groups = [without] if "anyOf" in without else without.get("allOf", [])
        for group in groups:
            group["anyOf"] = [
                alt for alt in group["anyOf"] if not files & set(alt.get("required", []))
            ]
        schemas[f"{name}WithoutFiles"] = without
        content[media_type]["schema"] = {"$ref": f"#/components/schemas/{name}WithoutFiles"}


class _ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    # DRF's metaclass moves declared fields off the class, so this does not shadow `.fields`.
    fields = serializers.DictField()  # type: ignore[assignment]


class ErrorSerializer(serializers.Serializer):
    """For views documenting an extra error status; the hook above documents the usual ones."""

    error = _ErrorDetailSerializer()


PROVIDER_UNAVAILABLE = OpenApiResponse(
    ErrorSerializer, description="The payments provider could not be reached; try again shortly."
)
