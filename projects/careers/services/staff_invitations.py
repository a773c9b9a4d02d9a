"""Colleagues by invitation: an office admin invites someone by e-mail (a link with a random
token, stored only as its SHA-256, valid STAFF_INVITATION_DAYS days) as admin or viewer; whoever
opens the link signed in — after signing up or logging in, the link comes back through `?next=`
— becomes staff. Admins list invitations with their state and revoke pending ones. Each
action is allowed by projects/transitions.py (STAFF_INVITATION_TRANSITIONS)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Institution, InstitutionMembership, StaffInvitation, User
from accounts.services.institution_staff import institution_staff_join
from accounts.services.notifications import notification_send
from accounts.tasks import send_notification_email
from marketplace.errors import Conflict, Forbidden, NotFound
from projects.careers import error_codes
from projects.careers.access import CareersAccess
from projects.locks import staff_invitation_lock
from projects.transitions import (
    OFFICE_ADMIN,
    staff_invitation_unexpired_require,
    transition_require,
)

STAFF_INVITATION_DAYS = 14
JOIN_PATH = "/careers/join/"


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: StaffInvitation
    token: str  # only in the e-mail (and to tests): never stored

    @property
    def link(self) -> str:
        return f"{settings.SITE_URL}{JOIN_PATH}{self.token}/"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _admin_require(access: CareersAccess) -> None:
    if not access.is_admin:
        raise Forbidden(
            "Only the institution's admin staff can do this.",
            code=error_codes.NOT_INSTITUTION_ADMIN,
        )


def staff_invitations_for(*, access: CareersAccess) -> QuerySet[StaffInvitation]:
    return StaffInvitation.objects.filter(institution=access.institution).select_related(
        "institution", "invited_by__profile", "accepted_by__profile"
    )


def staff_invitation_create(
    *, access: CareersAccess, email: str, staff_role: str
) -> IssuedInvitation:
    """Invite (or invite again: a pending invitation to the same address is replaced, so only
    the newest link works)."""
    _admin_require(access)
    institution = access.institution
    email = email.strip().lower()
    already = InstitutionMembership.objects.filter(
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        ended_at__isnull=True,
        user__emailaddress__email__iexact=email,
        user__emailaddress__verified=True,
    )
    if already.exists():
        raise Conflict(
            "This address already belongs to a colleague at your office.",
            code=error_codes.ALREADY_STAFF,
            fields={"email": ["Already on your staff."]},
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        for earlier in StaffInvitation.objects.filter(
            institution=institution, email=email, state=StaffInvitation.State.PENDING
        ).values_list("pk", flat=True):
            old = staff_invitation_lock(pk=earlier)
            old.state = transition_require(old, "revoke").target
            old.revoked_at = now
            old.save(update_fields=["state", "revoked_at"])
        invitation = StaffInvitation.objects.create(
            institution=institution,
            email=email,
            staff_role=staff_role,
            hashed_token=_hash(token),
            invited_by=access.staff_user,
            expires_at=now + timedelta(days=STAFF_INVITATION_DAYS),
        )
        issued = IssuedInvitation(invitation=invitation, token=token)
        inviter = access.staff_user.profile.display_name or "A colleague"
        body = (
            f"{inviter} invited you to join the career office of {institution.name} on "
            f"Slipstream as {invitation.get_staff_role_display().lower()}.\n\n"
            "Open this link to accept. If you have no Slipstream account yet, sign up first "
            "(any e-mail address works; you will come back to this link):\n\n"
            f"{issued.link}\n\n"
            f"The link works for {STAFF_INVITATION_DAYS} days. If you did not expect this, "
            "ignore it: nothing happens unless you accept."
        )
        transaction.on_commit(
            lambda: send_notification_email.enqueue(
                to=email,
                subject=f"Join {institution.name}'s career office on Slipstream",
                body=body,
            )
        )
    return issued


def staff_invitation_revoke(*, access: CareersAccess, invitation_id: int) -> StaffInvitation:
    _admin_require(access)
    with transaction.atomic():
        invitation = staff_invitation_lock(pk=invitation_id, institution=access.institution)
        if invitation is None:
            raise NotFound("No such invitation.")
        transition = transition_require(invitation, "revoke")
        now = timezone.now()
        # Expired is pending past its date: the list offers no revoke for it, so neither do we.
        staff_invitation_unexpired_require(invitation, now=now, role=OFFICE_ADMIN)
        invitation.state = transition.target
        invitation.revoked_at = now
        invitation.save(update_fields=["state", "revoked_at"])
    return invitation


def staff_invitation_accept(*, user: User, token: str) -> InstitutionMembership:
    """The signed-in person opening the link becomes staff in the invited role. Opening it
    again is harmless; a revoked, expired or someone else's used link answers 409."""
    now = timezone.now()
    with transaction.atomic():
        invitation = staff_invitation_lock(hashed_token=_hash(token))
        if invitation is None or invitation.institution.status == Institution.Status.REJECTED:
            raise NotFound("No such invitation.")
        if invitation.accepted_by_id == user.pk:
            membership = InstitutionMembership.objects.filter(
                user=user,
                institution=invitation.institution,
                role=InstitutionMembership.Role.STAFF,
                ended_at__isnull=True,
            ).first()
            if membership is not None:
                return membership  # opened twice: nothing more to do
        transition = transition_require(invitation, "accept")
        staff_invitation_unexpired_require(invitation, now=now)
        membership = institution_staff_join(
            user=user, institution=invitation.institution, staff_role=invitation.staff_role
        )
        invitation.state = transition.target
        invitation.accepted_at = now
        invitation.accepted_by = user
        invitation.save(update_fields=["state", "accepted_at", "accepted_by"])
        if invitation.invited_by and invitation.invited_by_id != user.pk:
            notification_send(
                recipient=invitation.invited_by,
                kind="staff_invitation_accepted",
                title=f"{user.profile.display_name or user.email} joined "
                f"{invitation.institution.name}'s career office",
                url="/careers/",
                email=False,
            )
    return membership
