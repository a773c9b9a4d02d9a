"""Document the one error shape on every operation of the OpenAPI schema."""

from typing import Any

from drf_spectacular.authentication import SessionScheme as _SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


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
_METHODS = {"get", "post", "put", "patch", "delete"}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            errors = dict(_ERRORS)
            if "requestBody" in operation:
                errors |= _BODY_ERRORS
            for code, description in errors.items():
                if code == "400" and method == "get" and not operation.get("parameters"):
                    continue
                responses.setdefault(code, {"description": description, "content": ref})
    return result


class _ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField()


class ErrorSerializer(serializers.Serializer):
    """For views documenting an extra error status; the hook above documents the usual ones."""

    error = _ErrorDetailSerializer()


PROVIDER_UNAVAILABLE = OpenApiResponse(
    ErrorSerializer, description="The payments provider could not be reached; try again shortly."
)
