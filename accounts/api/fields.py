"""Input fields with the rules accounts needs, each naming the rule it enforces."""

import re
import zoneinfo
from functools import cache
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator, URLValidator
from rest_framework import serializers

_url_validator = URLValidator(schemes=["http", "https"])
HANDLE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")


class HttpUrlField(serializers.CharField):
    """An absolute http:// or https:// URL; `javascript:`, `data:`, `ftp:` ... are refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not value:
            return value
        scheme = urlsplit(value).scheme.lower()
        if scheme not in {"http", "https"}:
            raise serializers.ValidationError(
                "Only http:// and https:// links are allowed.", code="url_scheme"
            )
        try:
            _url_validator(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                "Enter a complete web address, like https://example.org/work.", code="invalid_url"
            ) from error
        return value


# What the schema states: surrounding spaces are trimmed, letters are lowercased.
HANDLE_SCHEMA_PATTERN = r"^\s*[A-Za-z0-9][A-Za-z0-9-]{1,38}[A-Za-z0-9]\s*$"


class HandleField(serializers.CharField):
    """3-40 lowercase letters, digits and hyphens; not starting or ending with a hyphen."""

    def __init__(self, **kwargs):
        validators = [*kwargs.pop("validators", []), RegexValidator(HANDLE_SCHEMA_PATTERN)]
        super().__init__(validators=validators, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data).lower()
        if not HANDLE_PATTERN.match(value):
            raise serializers.ValidationError(
                "Use 3-40 letters, digits or hyphens, starting and ending with a letter or digit.",
                code="handle_format",
            )
        return value


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


class TimeZoneField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and value not in _time_zones():
            raise serializers.ValidationError(
                "Use a time zone name like Europe/Berlin or America/New_York.", code="time_zone"
            )
        return value
