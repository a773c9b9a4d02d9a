"""GET/PUT/DELETE /api/v1/institutions/{slug}/sso/: an office's university sign-in (SAML
2.0). Its admins register the identity provider's metadata (a URL or the XML) and read the
service-provider URLs to give the university's IdP administrator."""

import re

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.fields import HTTP_URL_PATTERN, HttpUrlField
from accounts.api.viewer import authenticated_user
from accounts.selectors.sso import institution_sso_get
from accounts.services.sso import (
    METADATA_MAX_CHARS,
    institution_sso_remove,
    institution_sso_set,
)
from marketplace.api.inputs import NOT_BLANK, CrossFieldRules, InputSerializer
from marketplace.api.limits import page_form

# Exactly one source of metadata: the URL or the (non-blank) XML.
_URL_OR_XML = [
    {"required": ["metadata_url"], "not": {"required": ["metadata_xml"]}},
    {
        "required": ["metadata_xml"],
        "properties": {"metadata_xml": {"type": "string", "pattern": NOT_BLANK}},
        "not": {"required": ["metadata_url"]},
    },
]


# The metadata is read over https only (accounts/services/sso.py): the web addresses the
# house URL field takes (their host names short enough for Django's URLValidator), https only.
HTTPS_URL_PATTERN = HTTP_URL_PATTERN.replace("[Hh][Tt][Tt][Pp][Ss]?://", "https://")


class HttpsUrlField(HttpUrlField):
    """An https:// web address, as the schema's pattern states it."""

    schema_pattern = HTTPS_URL_PATTERN

    def to_internal_value(self, data: object) -> str:
        value = super().to_internal_value(data)
        if value and not re.match(HTTPS_URL_PATTERN, value):
            raise serializers.ValidationError(
                "Give the metadata URL over https.", code="invalid_url"
            )
        return value


@page_form("institution_sso")
class SsoSetInput(CrossFieldRules, InputSerializer):
    schema_any_of_always = [_URL_OR_XML]

    metadata_url = HttpsUrlField(
        required=False,
        max_length=500,
        help_text="The identity provider's metadata over https (read now, re-read every 4 h).",
    )
    metadata_xml = serializers.CharField(
        required=False,
        max_length=METADATA_MAX_CHARS,
        trim_whitespace=True,
        help_text="Or the metadata XML itself (an EntityDescriptor with an IDPSSODescriptor).",
    )
    staff_from_affiliation = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "If true, a sign-in whose eduPersonAffiliation says staff, faculty or employee "
            "joins the office as a viewer. Leave off unless your IdP releases that value only "
            "to career-office staff."
        ),
    )

    def validate(self, attrs: dict) -> dict:
        if bool(attrs.get("metadata_url")) == bool(attrs.get("metadata_xml")):
            raise serializers.ValidationError(
                {"metadata_url": ["Give either the metadata URL or the metadata XML."]}
            )
        return attrs


class SsoOutput(serializers.Serializer):
    configured = serializers.BooleanField()
    idp_entity_id = serializers.CharField(help_text="Empty when nothing is registered.")
    idp_sso_url = serializers.CharField(help_text="Empty when read from a metadata URL.")
    metadata_url = serializers.CharField(help_text="The IdP metadata URL, if registered so.")
    staff_from_affiliation = serializers.BooleanField()
    sp_entity_id = serializers.URLField(help_text="Slipstream's entity ID for this office.")
    sp_metadata_url = serializers.URLField(help_text="Give this URL to your IdP administrator.")
    sp_acs_url = serializers.URLField(help_text="Assertion consumer service (HTTP-POST).")
    sign_in_url = serializers.URLField(help_text="Where students and staff start signing in.")


class InstitutionSsoView(APIView):
    """The office's university sign-in: its admins only (other staff get 403, anyone else
    404); only a live (approved) institution."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=SsoOutput)
    def get(self, request: Request, slug: str) -> Response:
        return Response(
            SsoOutput(
                institution_sso_get(user=authenticated_user(request), institution_slug=slug)
            ).data
        )

    @extend_schema(request=SsoSetInput, responses=SsoOutput)
    def put(self, request: Request, slug: str) -> Response:
        form = SsoSetInput(data=request.data)
        form.is_valid(raise_exception=True)
        institution_sso_set(
            actor=authenticated_user(request), institution_slug=slug, **form.validated_data
        )
        return Response(
            SsoOutput(
                institution_sso_get(user=authenticated_user(request), institution_slug=slug)
            ).data
        )

    @extend_schema(responses={204: None})
    def delete(self, request: Request, slug: str) -> Response:
        institution_sso_remove(actor=authenticated_user(request), institution_slug=slug)
        return Response(status=status.HTTP_204_NO_CONTENT)
