"""A documented serializer field: a description and an example the OpenAPI schema shows."""

from rest_framework import serializers


def documented(field: serializers.Field, help_text: str, example: object) -> serializers.Field:
    """A documented field. DRF copies declared fields by re-calling the constructor with the
    original keyword arguments, so the description and example go in those too."""
    field.help_text = help_text
    field.style = {**field.style, "example": example}
    # DRF's Field.__new__ keeps the constructor's arguments in _kwargs; the stub omits them.
    field._kwargs = {**field._kwargs, "help_text": help_text, "style": field.style}  # type: ignore[attr-defined]
    return field
