"""The base of every careers API view.

`CareersView` authenticates an institution key or a staff session, refuses everyone else,
resolves `self.access` (the one institution the request may see) before any handler runs, rate
limits per key, and writes the disclosure log for whatever student data the handler declared
with `self.disclose(...)`. Keys are read-only: any other method answers 403 (or 405).
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.dateparse import parse_datetime
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from accounts.api.institution_keys import InstitutionApiKeyAuthentication
from accounts.models import InstitutionApiKey
from marketplace.api.authentication import SessionAuthentication
from marketplace.errors import Forbidden, field_error
from projects.careers import error_codes
from projects.careers.access import CareersAccess, careers_access_resolve
from projects.careers.services.disclosures import disclosure_record

UPDATED_SINCE_FORMAT = "ISO 8601 with a time zone, e.g. 2026-01-31T09:00:00Z"


class IsInstitutionKeyOrStaff(BasePermission):
    """An institution API key (reading only), or a signed-in person; whether that person is
    the institution's staff is decided when the view resolves its access (403 if not)."""

    message = "Institution API keys are read-only."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if isinstance(request.auth, InstitutionApiKey):
            return request.method in SAFE_METHODS and not getattr(view, "staff_only", False)
        return bool(request.user and request.user.is_authenticated)


class CareersRateThrottle(SimpleRateThrottle):
    """Per key (or per staff member): one office's batch job cannot starve another's."""

    scope = "careers"

    def get_rate(self) -> str:
        return settings.CAREERS_API_KEY_THROTTLE

    def get_cache_key(self, request: Request, view: APIView) -> str:
        if isinstance(request.auth, InstitutionApiKey):
            ident = f"key:{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class CareersAutoSchema(AutoSchema):
    """Puts each documented field's example (`style["example"]`) into the schema."""

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        style = getattr(field, "style", None) or {}
        if "example" in style and "$ref" not in schema:
            schema["example"] = style["example"]
        return schema


class CareersView(APIView):
    schema = CareersAutoSchema()
    authentication_classes = [InstitutionApiKeyAuthentication, SessionAuthentication]
    permission_classes = [IsInstitutionKeyOrStaff]
    throttle_classes = [CareersRateThrottle]
    # The student fields this endpoint discloses (recorded in the disclosure log).
    disclosed_fields: tuple[str, ...] = ()
    # Management endpoints (keys, colleagues, the log itself): a staff session, never a key.
    staff_only = False
    admin_only = False
    # Staff may use it before Slipstream approves their institution (colleague invitations):
    # nothing about students is reachable while it waits.
    while_pending = False
    access: CareersAccess

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self._disclosed: set[int] = set()
        api_key = request.auth if isinstance(request.auth, InstitutionApiKey) else None
        self.access = careers_access_resolve(
            user=request.user,
            api_key=api_key,
            institution_slug=request.query_params.get("institution") or None,
            live_only=not self.while_pending,
        )
        if self.admin_only and request.method not in SAFE_METHODS and not self.access.is_admin:
            raise Forbidden(
                "Only the institution's admin staff can do this.",
                code=error_codes.NOT_INSTITUTION_ADMIN,
            )

    def disclose(self, student_ids: Iterable[int]) -> None:
        self._disclosed.update(student_ids)

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        access = getattr(self, "access", None)
        if access is not None and 200 <= response.status_code < 300 and self._disclosed:
            disclosure_record(
                access=access,
                endpoint=request.get_full_path(),
                fields=self.disclosed_fields,
                student_ids=self._disclosed,
            )
        return response

    def updated_since(self) -> datetime | None:
        raw = self.request.query_params.get("updated_since")
        if not raw:
            return None
        try:
            value = parse_datetime(raw.replace(" ", "+"))
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise field_error(
                f"updated_since must be {UPDATED_SINCE_FORMAT}.",
                code=error_codes.UPDATED_SINCE_INVALID,
                field="updated_since",
            )
        return value
