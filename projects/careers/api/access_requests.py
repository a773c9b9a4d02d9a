"""Join requests. POST /api/v1/me/staff-access-requests/: someone whose confirmed address is on
a live office's domain, but who has no invitation, asks that office's admins to invite them
(GET: when they asked, and when they may ask again). Not a CareersView, and not under careers/:
they are not staff yet. The office's side, /api/v1/careers/access-requests/: its admins list the
waiting requests (Office settings → Colleagues) and dismiss one."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.inputs import InputSerializer
from marketplace.api.schema import ErrorSerializer
from marketplace.api.throttling import WriteScopedRateThrottle
from projects.careers.api.base import CareersAutoSchema, CareersView
from projects.careers.api.serializers.documented import documented as _f
from projects.careers.selectors.ways_in import access_request_mine, access_requests_waiting
from projects.careers.services.access_requests import access_request_dismiss, access_request_send


class OwnNameInput(InputSerializer):
    """The one optional field of the ways in that make someone staff-to-be (asking to join,
    accepting in-app): their name, when their profile has none yet. Staff are shown by name,
    never by address, so the page asks for it first. The same rules as /me/'s display_name."""

    display_name = serializers.CharField(
        max_length=120,
        required=False,
        help_text="Your name as colleagues and students will see it, saved to your profile "
        "(send it when your profile has no name yet).",
    )


def own_name(request: Request) -> str:
    """The validated optional name of a request's body ("" when not sent)."""
    given = OwnNameInput(data=request.data)
    given.is_valid(raise_exception=True)
    return given.validated_data.get("display_name", "").strip()


class AccessRequestOutput(serializers.Serializer):
    institution_name = _f(
        serializers.CharField(), "The office asked (on your address's domain).", "Riverbend"
    )
    sent_to = _f(
        serializers.ListField(child=serializers.CharField()),
        "The names of the office's admins who were told (names only, never addresses).",
        ["Priya Shah"],
    )


class MyAccessRequestOutput(serializers.Serializer):
    institution_name = _f(
        serializers.CharField(), "The office on your confirmed address's domain.", "Riverbend"
    )
    asked_at = _f(
        serializers.DateTimeField(allow_null=True),
        "When you last asked (null: never, or not in the last 30 days' notices).",
        "2026-12-07T10:00:00Z",
    )
    ask_again_at = _f(
        serializers.DateTimeField(allow_null=True),
        "From when you may ask again (null: you may ask now).",
        "2026-12-08T10:00:00Z",
    )


class WaitingRequestOutput(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The request's id (to dismiss it).", 311)
    name = _f(
        serializers.CharField(),
        "The name of who asked (their address when they gave none).",
        "Kim Office",
    )
    email = _f(
        serializers.EmailField(),
        "Their confirmed address on your domain: invite this address.",
        "kim.office@riverbend.edu",
    )
    asked_at = _f(serializers.DateTimeField(), "When they asked.", "2026-12-07T10:00:00Z")


class StaffAccessRequestView(APIView):
    """Ask the office on your confirmed address's domain to invite you: each of its admins gets
    a notice (and an e-mail) whose link opens the invite form with your address filled in. Once
    per 24 hours (409 `access_request_recent`); 409 `already_institution_staff` if you are in
    already; 409 `access_request_invited` when an invitation already waits for you; 404
    `access_request_no_office` when no confirmed address of yours is on a live office's
    domain."""

    schema = CareersAutoSchema()
    permission_classes = [IsAuthenticated]
    throttle_classes = [*APIView.throttle_classes, WriteScopedRateThrottle]
    throttle_scope = "staff_access_requests"

    @extend_schema(
        operation_id="me_staff_access_requests_retrieve",
        responses={200: MyAccessRequestOutput, 401: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        """Your request to the office on your confirmed address's domain: when you asked and
        when you may ask again (a dismissal is not announced). 404 `access_request_no_office`
        as for asking."""
        mine = access_request_mine(user=authenticated_user(request))
        return Response(
            {
                "institution_name": mine.institution.name,
                "asked_at": mine.asked_at,
                "ask_again_at": mine.ask_again_at,
            }
        )

    @extend_schema(
        operation_id="me_staff_access_requests_create",
        request=OwnNameInput,
        responses={
            201: AccessRequestOutput,
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        sent = access_request_send(user=authenticated_user(request), display_name=own_name(request))
        return Response(
            {"institution_name": sent.institution.name, "sent_to": sent.sent_to},
            status=status.HTTP_201_CREATED,
        )


class AccessRequestListView(CareersView):
    """The office's waiting join requests, newest first (at most 50, asked in the last 30
    days): people with a confirmed address on the office's domain who asked to be invited.
    Admins only (403 for viewers): they invite (the invitation answers the request) or dismiss."""

    staff_only = True
    admin_only = True

    @extend_schema(
        operation_id="careers_access_requests_list",
        responses={200: WaitingRequestOutput(many=True), 403: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        waiting = access_requests_waiting(access=self.access)
        return Response(
            [
                {"id": r.id, "name": r.name, "email": r.email, "asked_at": r.asked_at}
                for r in waiting
            ]
        )


class AccessRequestDetailView(CareersView):
    """Dismiss a waiting join request (admins): it leaves the list and every admin's bell. The
    person who asked is not told; they may ask again a day after they asked."""

    staff_only = True
    admin_only = True

    @extend_schema(
        operation_id="careers_access_requests_dismiss",
        parameters=[
            OpenApiParameter(
                "request_id", int, OpenApiParameter.PATH, description="The request's id."
            )
        ],
        responses={204: None, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def delete(self, request: Request, request_id: int) -> Response:
        access_request_dismiss(access=self.access, request_id=request_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
