"""POST /api/v1/me/staff-access-requests/: someone whose confirmed address is on a live office's
domain, but who has no invitation, asks that office's admins to invite them. Not a CareersView,
and not under careers/: they are not staff yet."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.schema import ErrorSerializer
from marketplace.api.throttling import WriteScopedRateThrottle
from projects.careers.api.base import CareersAutoSchema
from projects.careers.api.serializers import _f
from projects.careers.services.access_requests import access_request_send


class AccessRequestOutput(serializers.Serializer):
    institution_name = _f(
        serializers.CharField(), "The office asked (on your address's domain).", "Riverbend"
    )
    sent_to = _f(
        serializers.ListField(child=serializers.CharField()),
        "The names of the office's admins who were told (names only, never addresses).",
        ["Priya Shah"],
    )


class StaffAccessRequestView(APIView):
    """Ask the office on your confirmed address's domain to invite you: each of its admins gets
    a notice (and an e-mail) whose link opens the invite form with your address filled in. Once
    per 24 hours (409 `access_request_recent`); 409 `already_institution_staff` if you are in
    already; 404 `access_request_no_office` when no confirmed address of yours is on a live
    office's domain."""

    schema = CareersAutoSchema()
    permission_classes = [IsAuthenticated]
    throttle_classes = [*APIView.throttle_classes, WriteScopedRateThrottle]
    throttle_scope = "staff_access_requests"

    @extend_schema(
        operation_id="me_staff_access_requests_create",
        request=None,
        responses={
            201: AccessRequestOutput,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        sent = access_request_send(user=authenticated_user(request))
        return Response(
            {"institution_name": sent.institution.name, "sent_to": sent.sent_to},
            status=status.HTTP_201_CREATED,
        )
