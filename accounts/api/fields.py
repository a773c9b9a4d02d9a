"""Input fields with the rules accounts needs, each naming the rule it enforces."""

import re
import zoneinfo
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator, URLValidator
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from accounts.uploads import UploadKind

_url_validator = URLValidator(schemes=["http", "https"])
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?"
# The web addresses accepted, as the schema states them: http(s), a host name with a dot (or
# localhost), an optional port and path. Every address it matches also passes Django's
# URLValidator; the field checks both, so the schema and the code agree exactly.
HTTP_URL_PATTERN = (
    r"^[ \t\r\n]*[Hh][Tt][Tt][Pp][Ss]?://"
    rf"(?:{_LABEL}(?:\.{_LABEL}){{0,4}}\.[A-Za-z]{{2,20}}|localhost)"
    r"(?::[1-9][0-9]{0,3})?(?:[/?#][!-~]{0,400})?[ \t\r\n]*$"
)
_http_url_shape = re.compile(HTTP_URL_PATTERN)
HANDLE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")


class HttpUrlField(serializers.CharField):
    """An absolute http:// or https:// URL; `javascript:`, `data:`, `ftp:` ... are refused."""

    schema_pattern = HTTP_URL_PATTERN

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
            if not _http_url_shape.match(value):
                raise DjangoValidationError("not an http(s) web address")
            _url_validator(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                "Enter a complete web address, like https://example.org/work.", code="invalid_url"
            ) from error
        return value


# A LinkedIn profile address: linkedin.com or one of its country subdomains (uk.linkedin.com).
# The scheme may be left out, as people copy it from the address bar ("linkedin.com/in/x",
# "www.linkedin.com/in/x"); such an address is stored with https:// in front.
LINKEDIN_URL_PATTERN = (
    r"^[ \t\r\n]*(?:[Hh][Tt][Tt][Pp][Ss]?://)?(?:[A-Za-z0-9-]{1,30}\.)?[Ll][Ii][Nn][Kk][Ee][Dd]"
    r"[Ii][Nn]\.[Cc][Oo][Mm](?:[/?#][!-~]{0,280})?[ \t\r\n]*$"
)
_linkedin_shape = re.compile(LINKEDIN_URL_PATTERN)
_has_scheme = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LINKEDIN_MESSAGE = (
    "Enter your LinkedIn profile address, like www.linkedin.com/in/your-name "
    "(copy it from your browser's address bar)."
)


class LinkedInUrlField(HttpUrlField):
    """A web address on linkedin.com: a mentor's public career record."""

    schema_pattern = LINKEDIN_URL_PATTERN

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if (
            isinstance(data, str)
            and _linkedin_shape.match(data)
            and not _has_scheme.match(data.strip())
        ):
            data = "https://" + data.strip()
        elif isinstance(data, str) and data.strip() and not _linkedin_shape.match(data):
            # Whatever else is wrong with it, what the person needs to know is the shape wanted.
            raise serializers.ValidationError(_LINKEDIN_MESSAGE, code="linkedin_url")
        return super().to_internal_value(data)


class HttpUrlFieldScheme(OpenApiSerializerFieldExtension):
    """A link field states the exact shape of web address it accepts (blank too, if allowed)."""

    target_class = HttpUrlField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        pattern = field.schema_pattern
        if field.allow_blank:
            pattern = f"^[ \\t\\r\\n]*$|{pattern}"  # blank: spaces only, or nothing
        schema: dict[str, Any] = {"type": "string", "pattern": pattern}
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        if field.allow_null:
            schema["nullable"] = True
        return schema


class UploadField(serializers.FileField):
    """A file checked by its content (accounts.uploads): the schema names the media types it
    takes and its size limits."""

    def __init__(self, *, kinds: tuple[UploadKind, ...], max_bytes: int, **kwargs: Any) -> None:
        self.kinds = kinds
        self.max_bytes = max_bytes
        super().__init__(**kwargs)


class UploadFieldScheme(OpenApiSerializerFieldExtension):
    target_class = UploadField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        schema: dict[str, Any] = {
            "type": "string",
            "format": "binary",
            # The size limit is in the description, not `maxLength` (a length in bytes that
            # tools read as characters): a larger file answers 400 `file_too_large`.
            "x-content-types": [kind.content_type for kind in field.kinds],
            "description": "Checked by content: "
            + ", ".join(kind.name.upper() for kind in field.kinds)
            + f", not empty, at most {field.max_bytes // (1024 * 1024)} MB.",
        }
        if field.allow_null:
            schema["nullable"] = True
        return schema


# What the schema states: surrounding spaces are trimmed, letters are lowercased.
HANDLE_SCHEMA_PATTERN = r"^\s*[A-Za-z0-9][A-Za-z0-9-]{1,38}[A-Za-z0-9]\s*$"


class HandleField(serializers.CharField):
    """3-40 lowercase letters, digits and hyphens; not starting or ending with a hyphen."""

    text_limit = 40  # what the pattern allows, for the pages' `maxlength`

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
    """An IANA time zone name; the schema lists them."""

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


class TimeZoneFieldScheme(OpenApiSerializerFieldExtension):
    target_class = TimeZoneField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        names = sorted(_time_zones())
        return {"type": "string", "enum": [*names, ""] if self.target.allow_blank else names}
