"""/api/v1/me/staff-invitations/: the career-office invitations waiting for one of your
confirmed addresses, and accepting or declining one in-app (the /careers/ page shows them),
beside the e-mailed link's own accept (me/staff-invitations/accept/, by token). Not under
careers/: the person is not staff yet."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.models import InstitutionMembership, StaffInvitation
from marketplace.api.schema import ErrorSerializer
from projects.careers.api.access_requests import OwnNameInput, own_name
from projects.careers.api.base import CareersAutoSchema
from projects.careers.api.colleagues import ERRORS, JoinedOutput
from projects.careers.api.serializers.documented import documented as _f
from projects.careers.selectors.people import staff_name
from projects.careers.selectors.ways_in import staff_invitations_waiting_for
from projects.careers.services.staff_invitations import (
    ROLE_CAN,
    staff_invitation_accept_waiting,
    staff_invitation_decline,
)

ROLES = InstitutionMembership.StaffRole.choices


class WaitingInvitationOutput(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The invitation's id (to accept it).", 4)
    institution_name = _f(serializers.CharField(), "The office's institution.", "Riverbend")
    invited_by = _f(serializers.CharField(allow_null=True), "Who sent it.", "Priya Shah")
    email = _f(serializers.EmailField(), "Your address it was sent to.", "kim@riverbend.edu")
    role = _f(serializers.ChoiceField(choices=ROLES), "The role it gives.", "viewer")
    role_can = _f(serializers.CharField(), "What that role can do, in words.", "read the …")
    expires_at = _f(serializers.DateTimeField(), "When it stops working.", "2026-12-21")


def _waiting(row: StaffInvitation) -> dict[str, Any]:
    by = row.invited_by
    return {
        "id": row.pk,
        "institution_name": row.institution.name,
        "invited_by": staff_name(by, institution=row.institution.name) if by else None,
        "email": row.email,
        "role": row.staff_role,
        "role_can": ROLE_CAN.get(row.staff_role, ""),
        "expires_at": row.expires_at,
    }


class MyStaffInvitationListView(APIView):
    """Invitations to a career office waiting for one of your confirmed addresses (pending and
    unexpired), newest first: accept one here or by its e-mailed link."""

    schema = CareersAutoSchema()
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_staff_invitations_list",
        responses={200: WaitingInvitationOutput(many=True), 401: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        rows = staff_invitations_waiting_for(user=authenticated_user(request))
        return Response([_waiting(row) for row in rows])


INVITATION_ID = OpenApiParameter(
    "invitation_id", int, OpenApiParameter.PATH, description="The invitation's id."
)


class MyStaffInvitationAcceptView(APIView):
    """Accept in-app an invitation waiting for one of your confirmed addresses: you become
    staff in the invited role, as by the e-mailed link. 404 for an invitation to an address
    that is not yours and confirmed; 409 when it was withdrawn, expired or used."""

    schema = CareersAutoSchema()
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_staff_invitations_accept_waiting",
        request=OwnNameInput,
        parameters=[INVITATION_ID],
        responses={200: JoinedOutput, 401: ErrorSerializer, **ERRORS},
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        membership = staff_invitation_accept_waiting(
            user=authenticated_user(request),
            invitation_id=invitation_id,
            display_name=own_name(request),
        )
        return Response(
            {
                "institution_slug": membership.institution.slug,
                "institution_name": membership.institution.name,
                "role": membership.staff_role,
            }
        )


class DeclinedOutput(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The invitation's id.", 4)
    state = _f(serializers.CharField(), "Now `declined`: its link no longer works.", "declined")


class MyStaffInvitationDeclineView(APIView):
    """Decline an invitation waiting for one of your confirmed addresses: its link stops
    working and it leaves your /careers/ page. 404 for an invitation to an address that is not
    yours and confirmed; 409 when it was withdrawn, expired or used."""

    schema = CareersAutoSchema()
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_staff_invitations_decline",
        request=None,
        parameters=[INVITATION_ID],
        responses={200: DeclinedOutput, 401: ErrorSerializer, **ERRORS},
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        invitation = staff_invitation_decline(
            user=authenticated_user(request), invitation_id=invitation_id
        )
        return Response({"id": invitation.pk, "state": invitation.state})
