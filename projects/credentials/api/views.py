"""Credential endpoints: the drafter downloads and revokes; anyone verifies.

Thin views: validate input, call one service or selector, render output. The issuer profile,
the public keys and the status list are plain JSON documents (projects/credentials/public.py)."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.inputs import NOT_BLANK, CrossFieldRules, InputSerializer
from marketplace.api.schema import ErrorSerializer
from marketplace.errors import Conflict, field_error
from projects.credentials import error_codes as codes
from projects.credentials.models import IssuedCredential
from projects.credentials.selectors.certificates import credential_certificate_pdf
from projects.credentials.selectors.credentials import (
    credential_document_for,
    credential_jwt_for,
    credential_verify,
)
from projects.credentials.services.credentials import credential_issue, credential_revoke
from projects.credentials.signing import MEDIA_TYPE

MAX_CREDENTIAL_BYTES = 64 * 1024


class VerifyInputSerializer(CrossFieldRules, InputSerializer):
    """A pasted credential (the JWT text) or an uploaded .jwt file."""

    schema_any_of = [
        [
            {
                "required": ["credential"],
                "properties": {"credential": {"type": "string", "pattern": NOT_BLANK}},
            },
            {"required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}},
        ]
    ]
    credential = serializers.CharField(
        max_length=MAX_CREDENTIAL_BYTES, required=False, allow_blank=True, default=""
    )
    file = serializers.FileField(required=False, allow_null=True, default=None)


class CertifiedPersonSerializer(serializers.Serializer):
    handle = serializers.CharField()
    display_name = serializers.CharField()


class CertifiedEvidenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    narrative = serializers.CharField()


class CertifiesSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    hours = serializers.IntegerField()
    drafter = CertifiedPersonSerializer()
    mentor = CertifiedPersonSerializer()
    completed_at = serializers.DateTimeField(allow_null=True)
    experience_url = serializers.CharField()
    evidence = CertifiedEvidenceSerializer(many=True)


class VerifyResultSerializer(serializers.Serializer):
    result = serializers.ChoiceField(
        choices=["valid", "revoked", "tampered", "unknown_issuer", "malformed"],
        help_text=(
            "malformed: not a readable credential at all (random text, a truncated or "
            "non-base64 JWT); tampered: a readable credential whose signature does not match."
        ),
    )
    valid = serializers.BooleanField()
    message = serializers.CharField()
    certifies = CertifiesSerializer(allow_null=True)
    credential = serializers.DictField(allow_null=True, help_text="The decoded credential.")


class RevokedSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=IssuedCredential.State.choices)
    revoked_at = serializers.DateTimeField()


class CredentialView(APIView):
    """The drafter's Open Badges 3.0 credential of one verified experience, as a VC-JWT."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="experience_credential",
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json"],
                required=False,
                description="`json`: the decoded credential instead of the signed VC-JWT.",
            )
        ],
        responses={
            (200, MEDIA_TYPE): OpenApiTypes.STR,
            (200, "application/json"): OpenApiTypes.OBJECT,
            404: ErrorSerializer,
            409: ErrorSerializer,
            503: ErrorSerializer,
        },
    )
    def get(self, request: Request, engagement_id: int):
        issued = credential_issue(engagement_id=engagement_id, drafter=authenticated_user(request))
        if issued.state == IssuedCredential.State.REVOKED:
            raise Conflict("You revoked this credential.", code=codes.CREDENTIAL_REVOKED)
        if request.query_params.get("format") == "json":
            return Response(credential_document_for(issued=issued))
        response = HttpResponse(credential_jwt_for(issued=issued), content_type=MEDIA_TYPE)
        name = f"slipstream-credential-{engagement_id}.jwt"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class CredentialCertificateView(APIView):
    """The same credential as a printable PDF certificate (the drafter's name, the work, the
    issuer, the address that checks it, in full and as a QR code, and the credential id).
    Who may download it is the signed file's rule: its drafter only; anyone else, not found."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="experience_credential_certificate",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: ErrorSerializer,
            409: ErrorSerializer,
            503: ErrorSerializer,
        },
    )
    def get(self, request: Request, engagement_id: int) -> HttpResponse:
        issued = credential_issue(engagement_id=engagement_id, drafter=authenticated_user(request))
        if issued.state == IssuedCredential.State.REVOKED:
            raise Conflict("You revoked this credential.", code=codes.CREDENTIAL_REVOKED)
        response = HttpResponse(
            credential_certificate_pdf(issued=issued), content_type="application/pdf"
        )
        name = f"slipstream-credential-{engagement_id}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class CredentialRevokeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="experience_credential_revoke",
        request=None,
        responses={200: RevokedSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        issued = credential_revoke(engagement_id=engagement_id, user=authenticated_user(request))
        return Response(RevokedSerializer(issued).data)


class CredentialVerifyView(APIView):
    """Anyone pastes or uploads a credential and learns whether to trust it, and what it
    certifies. Always 200 with a `result` for a credential; 400 for no input at all."""

    permission_classes = [AllowAny]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        operation_id="credentials_verify",
        request={
            "application/json": VerifyInputSerializer,
            "multipart/form-data": VerifyInputSerializer,
        },
        responses={200: VerifyResultSerializer, 400: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        form = VerifyInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        token = form.validated_data["credential"]
        upload = form.validated_data["file"]
        if upload is not None:
            if upload.size > MAX_CREDENTIAL_BYTES:
                raise field_error(
                    "A credential file is at most 64 KB.",
                    code=codes.CREDENTIAL_INPUT_INVALID,
                    field="file",
                )
            token = upload.read().decode("utf-8", errors="replace")
        if not token.strip():
            raise field_error(
                "Paste a credential or choose its file.",
                code=codes.CREDENTIAL_INPUT_INVALID,
                field="credential",
            )
        return Response(VerifyResultSerializer(credential_verify(token=token)).data)
