"""The office's people, for staff sessions only (never a key): colleagues invited by e-mail
(list, invite, revoke; accepting is the invitee's own call), a colleague's role changed or
removed, and the student roster upload."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.models import InstitutionMembership, StaffInvitation
from accounts.services.institution_staff import institution_staff_remove, institution_staff_role_set
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form
from marketplace.api.schema import ErrorSerializer
from projects.careers.api.base import CareersAutoSchema, CareersView
from projects.careers.api.pagination import NewestFirstPagination
from projects.careers.api.serializers.documented import documented as _f
from projects.careers.selectors.people import staff_name
from projects.careers.services.roster import ROSTER_MAX_BYTES, ROSTER_MAX_ROWS, roster_upload
from projects.careers.services.staff_invitations import (
    staff_invitation_accept,
    staff_invitation_create,
    staff_invitation_preview,
    staff_invitation_revoke,
    staff_invitations_for,
)
from projects.transitions import staff_invitation_actions_for

ROLES = InstitutionMembership.StaffRole.choices
MEMBERSHIP_ID = OpenApiParameter(
    "membership_id",
    int,
    OpenApiParameter.PATH,
    description="The colleague's staff membership id (from institution/).",
)
ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


@page_form("staff_invitation")
class StaffInvitationInput(InputSerializer):
    email = _f(serializers.EmailField(max_length=254), "The colleague's address.", "lee@uni.edu")
    role = _f(
        serializers.ChoiceField(choices=ROLES, default=InstitutionMembership.StaffRole.VIEWER),
        "admin (keys, colleagues, roster) or viewer.",
        "viewer",
    )
    confirm_outside_domains = _f(
        serializers.BooleanField(default=False),
        "Invite an address outside the office's e-mail domains: without it such an address is "
        "refused with 409 `invitee_outside_office_domains`, so the admin can check it first.",
        False,
    )


class StaffInvitationOutput(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The invitation's id.", 4)
    email = _f(serializers.EmailField(), "Who was invited.", "lee@uni.edu")
    role = _f(serializers.ChoiceField(choices=ROLES), "The role they get.", "viewer")
    state = _f(
        serializers.ChoiceField(choices=StaffInvitation.State.choices),
        "pending, accepted, expired, revoked or declined.",
        "pending",
    )
    invited_by = _f(serializers.CharField(allow_null=True), "Who sent it.", "Ana Ruiz")
    accepted_by = _f(
        serializers.CharField(allow_null=True),
        "The name of the colleague who accepted it (null until then).",
        "Lee Park",
    )
    created_at = _f(serializers.DateTimeField(), "When it was sent.", "2026-03-01T10:00:00Z")
    expires_at = _f(serializers.DateTimeField(), "When the link stops working.", "2026-03-15")
    accepted_at = _f(serializers.DateTimeField(allow_null=True), "When accepted.", None)
    revoked_at = _f(serializers.DateTimeField(allow_null=True), "When revoked.", None)
    allowed_actions = _f(
        serializers.ListField(child=serializers.CharField()),
        "What you may do now (revoke while pending).",
        ["revoke"],
    )


class InvitationAcceptInput(InputSerializer):
    token = _f(
        serializers.CharField(min_length=20, max_length=100),
        "The token from the e-mailed link (/careers/join/<token>/).",
        "kq3…",
    )


class InvitationPreviewOutput(serializers.Serializer):
    institution_name = _f(serializers.CharField(), "The office's institution.", "Riverbend")
    invited_by = _f(serializers.CharField(allow_null=True), "Who sent it.", "Priya Shah")
    email = _f(serializers.EmailField(), "The address it was sent to.", "lee@uni.edu")
    role = _f(serializers.ChoiceField(choices=ROLES), "The role it gives.", "viewer")
    role_can = _f(
        serializers.CharField(),
        "What that role can do, in words.",
        "read the office's …",
    )
    state = _f(
        serializers.ChoiceField(choices=StaffInvitation.State.choices),
        "pending (can be accepted), accepted, expired, revoked (withdrawn) or declined.",
        "pending",
    )
    expires_at = _f(serializers.DateTimeField(), "When the link stops working.", "2026-03-15")
    accepted_by_you = _f(serializers.BooleanField(), "You already accepted it.", False)
    signed_in_as = _f(
        serializers.EmailField(allow_null=True), "Your account's address (null signed out).", None
    )
    signed_in_as_invitee = _f(
        serializers.BooleanField(), "Your account has the invited address.", False
    )
    email_verified = _f(
        serializers.BooleanField(), "Your account has a confirmed address (needed to accept).", True
    )


class JoinedOutput(serializers.Serializer):
    institution_slug = _f(serializers.CharField(), "The office's institution.", "riverbend")
    institution_name = _f(serializers.CharField(), "Its name.", "Riverbend University")
    role = _f(serializers.ChoiceField(choices=ROLES), "Your staff role.", "viewer")


class ColleagueRoleInput(InputSerializer):
    role = _f(serializers.ChoiceField(choices=ROLES), "The colleague's new role.", "admin")


class ColleagueOutput(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The colleague's staff membership id.", 12)
    name = _f(serializers.CharField(), "Display name.", "Ana Ruiz")
    email = _f(serializers.EmailField(), "Their address.", "ana@uni.edu")
    role = _f(serializers.ChoiceField(choices=ROLES), "admin or viewer.", "admin")


class RosterInput(InputSerializer):
    file = _f(
        serializers.FileField(),
        f"A CSV of student addresses: an `email` column, or addresses in the first column; at "
        f"most {ROSTER_MAX_ROWS} rows and {ROSTER_MAX_BYTES // 1024} KB, UTF-8.",
        "email\nada@uni.edu\n",
    )


class RosterInvalidRow(serializers.Serializer):
    row = _f(serializers.IntegerField(), "Line number in the file.", 7)
    value = _f(serializers.CharField(), "What the line said.", "not-an-address")
    reason = _f(serializers.CharField(), "Why it was skipped.", "Not an e-mail address.")


class RosterOutput(serializers.Serializer):
    rows = _f(serializers.IntegerField(), "Addresses read.", 120)
    invited = _f(serializers.IntegerField(), "E-mailed now (consent-first invitation).", 80)
    already_members = _f(serializers.IntegerField(), "Already joined: not e-mailed.", 30)
    recently_invited = _f(
        serializers.IntegerField(), "E-mailed by an upload in the last 30 days: not again.", 5
    )
    duplicates = _f(serializers.IntegerField(), "Repeated in the file.", 2)
    invalid = _f(serializers.IntegerField(), "Not an address, or not on your domains.", 3)
    invalid_rows = RosterInvalidRow(many=True, help_text="The first 20 invalid rows.")
    resend_after_days = _f(serializers.IntegerField(), "An address is e-mailed once per.", 30)


def _invitation(row: StaffInvitation, now, *, is_admin: bool) -> dict[str, Any]:
    by = row.invited_by
    return {
        "id": row.pk,
        "email": row.email,
        "role": row.staff_role,
        "state": row.state_at(now),
        "invited_by": staff_name(by, institution=row.institution.name) if by else None,
        "accepted_by": staff_name(row.accepted_by) if row.accepted_by_id else None,
        "created_at": row.created_at,
        "expires_at": row.expires_at,
        "accepted_at": row.accepted_at,
        "revoked_at": row.revoked_at,
        "allowed_actions": staff_invitation_actions_for(row, now=now, is_admin=is_admin),
    }


def _colleague(membership: InstitutionMembership) -> dict[str, Any]:
    return {
        "id": membership.pk,
        "name": staff_name(membership.user, institution=membership.institution.name),
        "email": membership.email or membership.user.email,
        "role": membership.staff_role,
    }


class StaffInvitationListView(CareersView):
    """Invitations to your office, newest first, with their state; admins invite by e-mail
    (a link valid 14 days; inviting the same address again replaces the pending link)."""

    staff_only = True
    admin_only = True
    while_pending = True
    pagination_class = NewestFirstPagination

    @extend_schema(
        operation_id="careers_invitations_list",
        responses=StaffInvitationOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        paginator = NewestFirstPagination()
        page = paginator.paginate_queryset(
            staff_invitations_for(access=self.access), request, view=self
        )
        now = timezone.now()
        admin = self.access.is_admin
        rows = [_invitation(row, now, is_admin=admin) for row in page]
        return paginator.get_paginated_response(rows)

    @extend_schema(
        operation_id="careers_invitations_create",
        request=StaffInvitationInput,
        responses={201: StaffInvitationOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = StaffInvitationInput(data=request.data)
        form.is_valid(raise_exception=True)
        issued = staff_invitation_create(
            access=self.access,
            email=form.validated_data["email"],
            staff_role=form.validated_data["role"],
            confirm_outside_domains=form.validated_data["confirm_outside_domains"],
        )
        return Response(
            _invitation(issued.invitation, timezone.now(), is_admin=self.access.is_admin),
            status=status.HTTP_201_CREATED,
        )


class StaffInvitationDetailView(CareersView):
    """Revoke a pending invitation (admins): its link stops working at once."""

    staff_only = True
    admin_only = True
    while_pending = True

    @extend_schema(
        operation_id="careers_invitations_revoke",
        parameters=[
            OpenApiParameter(
                "invitation_id", int, OpenApiParameter.PATH, description="The invitation's id."
            )
        ],
        responses={204: None, **ERRORS},
    )
    def delete(self, request: Request, invitation_id: int) -> Response:
        staff_invitation_revoke(access=self.access, invitation_id=invitation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffInvitationAcceptView(APIView):
    """POST /api/v1/me/staff-invitations/accept/: the invited colleague, signed in (with any
    verified address), accepts the e-mailed link and becomes staff in the invited role. Not a
    CareersView, and not under careers/: they are not staff yet."""

    schema = CareersAutoSchema()
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_staff_invitations_accept",
        request=InvitationAcceptInput,
        responses={200: JoinedOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = InvitationAcceptInput(data=request.data)
        form.is_valid(raise_exception=True)
        membership = staff_invitation_accept(
            user=authenticated_user(request), token=form.validated_data["token"]
        )
        return Response(
            {
                "institution_slug": membership.institution.slug,
                "institution_name": membership.institution.name,
                "role": membership.staff_role,
            }
        )


class StaffInvitationPreviewView(APIView):
    """GET /api/v1/staff-invitations/{token}/: what the join page shows before accepting — who
    invited whom, to which office, as what, and whether the link still works. Anyone holding
    the e-mailed link may read it, signed in or not (the token is the authority)."""

    schema = CareersAutoSchema()
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="staff_invitations_preview",
        parameters=[
            OpenApiParameter(
                "token", str, OpenApiParameter.PATH, description="The token from the link."
            )
        ],
        responses={200: InvitationPreviewOutput, 404: ErrorSerializer},
    )
    def get(self, request: Request, token: str) -> Response:
        user = request.user if request.user.is_authenticated else None
        return Response(staff_invitation_preview(token=token, user=user))


class ColleagueDetailView(CareersView):
    """Admins change a colleague's role or remove them; the office keeps at least one admin
    (409 `last_institution_admin`)."""

    staff_only = True
    admin_only = True

    @extend_schema(
        operation_id="careers_staff_update",
        parameters=[MEMBERSHIP_ID],
        request=ColleagueRoleInput,
        responses={200: ColleagueOutput, **ERRORS},
    )
    def patch(self, request: Request, membership_id: int) -> Response:
        form = ColleagueRoleInput(data=request.data)
        form.is_valid(raise_exception=True)
        membership = institution_staff_role_set(
            actor=authenticated_user(request),
            institution=self.access.institution,
            membership_id=membership_id,
            staff_role=form.validated_data["role"],
        )
        return Response(_colleague(membership))

    @extend_schema(
        operation_id="careers_staff_remove",
        parameters=[MEMBERSHIP_ID],
        responses={204: None, **ERRORS},
    )
    def delete(self, request: Request, membership_id: int) -> Response:
        institution_staff_remove(
            actor=authenticated_user(request),
            institution=self.access.institution,
            membership_id=membership_id,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class RosterView(CareersView):
    """Admins upload a CSV of student addresses; students who have not joined get one
    consent-first e-mail (nothing is shared until a student consents). The answer counts what
    happened to each row."""

    staff_only = True
    admin_only = True
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="careers_roster_upload",
        request={"multipart/form-data": RosterInput},
        responses={200: RosterOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = RosterInput(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(roster_upload(access=self.access, file=form.validated_data["file"]))
