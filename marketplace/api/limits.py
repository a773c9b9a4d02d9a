"""Text limits the pages show, from their one source: the input serializers.

An input serializer a page fills in registers under a short form name (`@page_form("task")`);
GET /api/v1/config/ serves every registered form's limits as `limits`, and page shells render
them (`{% limit "task.title" %}`), so no template or script types a `maxlength`.
"""

import copy
from collections.abc import Callable
from typing import Any

from django.core.validators import MaxLengthValidator
from rest_framework import serializers

_PAGE_FORMS: dict[str, type[serializers.Serializer]] = {}


SerializerClass = type[serializers.Serializer]


def page_form(name: str) -> Callable[[SerializerClass], SerializerClass]:
    """Class decorator: the text limits of this input serializer reach pages as `name`."""

    def register(serializer_class: SerializerClass) -> SerializerClass:
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
