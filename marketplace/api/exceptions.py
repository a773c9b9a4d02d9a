"""Turn every error an API view can meet into one JSON shape:

    {"error": {"code": "...", "message": "...", "fields": {...}}}

Named in settings (REST_FRAMEWORK["EXCEPTION_HANDLER"]); no app imports it.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions as drf_exceptions
from rest_framework import fields as drf_fields
from rest_framework import status
from rest_framework.response import Response

from marketplace.errors import DomainError


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _as_messages(detail: Any) -> list[Any] | dict[str, Any]:
    if isinstance(detail, dict):
        return {str(key): _as_messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        flat: list[Any] = []
        for item in detail:
            nested = _as_messages(item)
            if isinstance(nested, dict):
                return [nested]  # a list of nested objects keeps its structure
            flat.extend(nested)
        return flat
    return [str(detail)]


# DRF's and Django's own validation codes say nothing a client can act on: they all answer
# "invalid". Any other code was chosen by us (a field rule, e.g. `message_empty`) and is kept.
_GENERIC_CODES = {
    code
    for field_class in vars(drf_fields).values()
    if isinstance(field_class, type) and issubclass(field_class, drf_fields.Field)
    for code in field_class.default_error_messages
} | {
    "invalid",
    "required",
    "null",
    "blank",
    "max_length",
    "min_length",
    "max_value",
    "min_value",
    "null_characters_not_allowed",
    "surrogate_characters_not_allowed",
    "unique",
}


def _first_code(detail: Any) -> str:
    """The code of the error the message names (non-field errors first), or "invalid"."""
    if isinstance(detail, dict):
        key = "non_field_errors" if "non_field_errors" in detail else next(iter(detail), None)
        return _first_code(detail[key]) if key is not None else "invalid"
    if isinstance(detail, list):
        return _first_code(detail[0]) if detail else "invalid"
    code = getattr(detail, "code", None)
    return code if isinstance(code, str) and code not in _GENERIC_CODES else "invalid"


def _validation_response(detail: Any) -> Response:
    code = _first_code(detail)
    fields = _as_messages(detail)
    if isinstance(fields, dict):
        non_field = fields.pop("non_field_errors", None)
        first = non_field or next(iter(fields.values()), ["Invalid input."])
        if non_field:
            fields["non_field_errors"] = non_field
        # Nested list errors arrive keyed by position ({"0": {...}}), not as a list.
        is_text_list = isinstance(first, list) and first and isinstance(first[0], str)
        message = first[0] if is_text_list else "Invalid input."
        if fields and not non_field:
            name = next(iter(fields))
            message = f"{name}: {message}"
    else:
        message = fields[0] if fields else "Invalid input."
        fields = {}
    return Response(error_body(code, message, fields), status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response({"error": exc.as_dict()}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return _validation_response(detail)
    if isinstance(exc, drf_exceptions.ValidationError):
        return _validation_response(exc.detail)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body("request_too_large", "The request body is larger than this server accepts."),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    if not isinstance(exc, drf_exceptions.APIException):
        return None  # a real bug: Django's 500 handler logs it and answers without details

    headers = {}
    if auth_header := getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = auth_header
    if wait := getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(wait))
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    if isinstance(exc, drf_exceptions.ParseError):
        code = "malformed_request"
    return Response(error_body(code, str(exc.detail)), status=exc.status_code, headers=headers)
