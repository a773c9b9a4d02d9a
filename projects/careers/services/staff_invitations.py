"""Colleagues by invitation: an office admin invites someone by e-mail (a link with a random
token, stored only as its SHA-256, valid STAFF_INVITATION_DAYS days) as admin or viewer; an
address outside the office's own domains is invited only when the admin confirms it. Whoever
opens the link signed in — after signing up or logging in, the link comes back through `?next=`
— becomes staff; signed out, the link shows who invited them, where, and as what. Admins list
invitations with their state and revoke pending ones. Each action is allowed by
projects/transitions/ (STAFF_INVITATION_TRANSITIONS)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Institution, InstitutionMembership, StaffInvitation, User
from accounts.services.institution_staff import institution_staff_join
from accounts.services.notifications import notification_send
from accounts.services.profiles import profile_update
from accounts.tasks import send_html_email
from marketplace.errors import Conflict, Forbidden, NotFound
from projects.careers import error_codes
from projects.careers.access import CareersAccess
from projects.careers.selectors.people import staff_name
from projects.careers.services.access_requests import access_requests_answered
from projects.locks import staff_invitation_lock
from projects.transitions import (
    OFFICE_ADMIN,
    staff_invitation_unexpired_require,
    transition_require,
    transition_target,
)

STAFF_INVITATION_DAYS = 14
JOIN_PATH = "/careers/join/"
# What each role may do, in the invitee's words (the e-mail and the join page say it, after
# "As a viewer you can"). The glossary's words (docs/career-offices-glossary.md): "figures" are
# totals without names; the students list names only those who chose to share.
_OFFICES = "office's"  # the straight apostrophe of the career-office pages
_READS = (
    f"read the {_OFFICES} dashboard: figures, and the students who chose to share with your office"
)
ROLE_CAN: dict[str, str] = {
    InstitutionMembership.StaffRole.ADMIN: (
        f"{_READS}; feature tasks for your students; and also manage API keys, colleagues, the "
        "roster and university sign-in"
    ),
    InstitutionMembership.StaffRole.VIEWER: (
        f"{_READS}, and see which tasks your office features (admins change the {_OFFICES} "
        "settings)"
    ),
}


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
    """The office's invitations, less those a newer invitation to the same address replaced:
    inviting again ends the old one, which nobody withdrew and the list need not show."""
    newer = StaffInvitation.objects.filter(
        institution=access.institution, email=OuterRef("email"), pk__gt=OuterRef("pk")
    )
    return (
        StaffInvitation.objects.filter(institution=access.institution)
        .exclude(Exists(newer), state=StaffInvitation.State.REVOKED)
        .select_related("institution", "invited_by__profile", "accepted_by__profile")
    )


def email_outside_domains(*, institution: Institution, email: str) -> bool:
    """Whether `email` is on none of the office's domains (a subdomain counts as inside)."""
    host = email.rpartition("@")[2].lower()
    domains = {d.lower().strip().lstrip("@") for d in institution.email_domains}
    return not any(host == d or host.endswith(f".{d}") for d in domains)


def staff_invitation_create(
    *, access: CareersAccess, email: str, staff_role: str, confirm_outside_domains: bool = False
) -> IssuedInvitation:
    """Invite (or invite again: a pending invitation to the same address is replaced, so only
    the newest link works). An address off the office's domains is often a typo or a personal
    address: it needs `confirm_outside_domains`, or 409 asks the admin first."""
    _admin_require(access)
    institution = access.institution
    email = email.strip().lower()
    if not confirm_outside_domains and email_outside_domains(institution=institution, email=email):
        domains = " or ".join(institution.email_domains) or "your office's domains"
        raise Conflict(
            f"{email} is not at {domains}. Invite anyway?",
            code=error_codes.INVITEE_OUTSIDE_OFFICE_DOMAINS,
            fields={"email": [f"Not at {domains}."]},
        )
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
        access_requests_answered(institution=institution, email=email)
        _invitee_told_in_app(invitation, inviter=access.staff_user)
        issued = IssuedInvitation(invitation=invitation, token=token)
        message = _invitation_email(issued, inviter=access.staff_user)
        transaction.on_commit(lambda: send_html_email.enqueue(to=email, **message))
    return issued


def _invitee_told_in_app(invitation: StaffInvitation, *, inviter: User) -> None:
    """Someone already on Slipstream with the invited address confirmed also finds it under
    the bell (the e-mail may sit unread), pointing to /careers/ where it waits."""
    invitee = User.objects.filter(
        emailaddress__email__iexact=invitation.email, emailaddress__verified=True
    ).first()
    if invitee is None:
        return
    by = inviter.profile.display_name or "A colleague"
    notification_send(
        recipient=invitee,
        kind="staff_invitation_received",
        title=f"{by} invited you to {invitation.institution.name}'s career office",
        url="/careers/",
        email=False,  # the invitation's own e-mail has just been sent
    )


def _invitation_email(issued: IssuedInvitation, *, inviter: User) -> dict[str, str]:
    """Subject, text and HTML (names escaped by the template) of the invitation e-mail."""
    invitation = issued.invitation
    context = {
        "inviter": inviter.profile.display_name or "A colleague",
        "institution": invitation.institution.name,
        "role": _role_word(invitation.staff_role),
        "role_can": ROLE_CAN.get(invitation.staff_role, ""),
        "link": issued.link,
        "expires_at": invitation.expires_at,
        "days": STAFF_INVITATION_DAYS,
        "email": invitation.email,
    }
    return {
        "subject": f"Join {invitation.institution.name}'s career office on Slipstream",
        "text": render_to_string("careers/email/staff_invitation.txt", context),
        "html": render_to_string("careers/email/staff_invitation.html", context),
    }


def _role_word(staff_role: str) -> str:
    return "an admin" if staff_role == InstitutionMembership.StaffRole.ADMIN else "a viewer"


def staff_invitation_preview(*, token: str, user: User | None) -> dict:
    """What the join page shows before anyone accepts: who invited whom, to which office, as
    what, and whether the link still works. The token is the authority (as for accepting), so
    a signed-out visitor may read it; an unknown token is a 404."""
    invitation = (
        StaffInvitation.objects.filter(hashed_token=_hash(token))
        .exclude(institution__status=Institution.Status.REJECTED)
        .select_related("institution", "invited_by__profile")
        .first()
    )
    if invitation is None:
        raise NotFound("No such invitation.")
    now = timezone.now()
    by = invitation.invited_by
    person = user if user is not None and user.is_authenticated else None
    return {
        "institution_name": invitation.institution.name,
        "invited_by": staff_name(by, institution=invitation.institution.name) if by else None,
        "email": invitation.email,
        "role": invitation.staff_role,
        "role_can": ROLE_CAN.get(invitation.staff_role, ""),
        "state": invitation.state_at(now),
        "expires_at": invitation.expires_at,
        "accepted_by_you": person is not None and invitation.accepted_by_id == person.pk,
        "signed_in_as": person.email if person is not None else None,
        "signed_in_as_invitee": person is not None
        and EmailAddress.objects.filter(user=person, email__iexact=invitation.email).exists(),
        # Accepting needs a confirmed address (any): the page asks for the e-mailed link first.
        "email_verified": person is not None
        and EmailAddress.objects.filter(user=person, verified=True).exists(),
    }


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
    with transaction.atomic():
        invitation = staff_invitation_lock(hashed_token=_hash(token))
        if invitation is None or invitation.institution.status == Institution.Status.REJECTED:
            raise NotFound("No such invitation.")
        return _accept(invitation, user=user)


def staff_invitation_accept_waiting(
    *, user: User, invitation_id: int, display_name: str = ""
) -> InstitutionMembership:
    """Accept in-app, from /careers/, an invitation waiting for one of the person's confirmed
    addresses: the confirmed address is the authority the e-mailed token is otherwise. The
    same steps as the link (and the same refusals); 404 for an invitation to an address that
    is not theirs and confirmed, so nobody learns of another person's invitation.
    `display_name`, when given, becomes their profile's name in the same transaction (staff
    are shown by name: the page asks for one when there is none, as the e-mailed link's page
    does), so a refused accept saves nothing."""
    addresses = _confirmed_addresses(user)
    with transaction.atomic():
        if display_name:
            # Before the invitation's lock: one person's own rows first, as in their chain.
            user.profile = profile_update(user=user, data={"display_name": display_name})
        invitation = staff_invitation_lock(pk=invitation_id, email__in=addresses)
        if invitation is None or invitation.institution.status == Institution.Status.REJECTED:
            raise NotFound("No such invitation.")
        return _accept(invitation, user=user)


def staff_invitation_decline(*, user: User, invitation_id: int) -> StaffInvitation:
    """Decline, from /careers/, an invitation waiting for one of the person's confirmed
    addresses: it stops working and leaves their page. 404 as for accepting (nobody learns of
    another person's invitation); 409 once it was used, withdrawn or has expired."""
    addresses = _confirmed_addresses(user)
    with transaction.atomic():
        invitation = staff_invitation_lock(pk=invitation_id, email__in=addresses)
        if invitation is None or invitation.institution.status == Institution.Status.REJECTED:
            raise NotFound("No such invitation.")
        transition = transition_require(invitation, "decline")
        now = timezone.now()
        staff_invitation_unexpired_require(invitation, now=now)
        invitation.state = transition.target
        invitation.declined_at = now
        invitation.save(update_fields=["state", "declined_at"])
    return invitation


def _confirmed_addresses(user: User) -> list[str]:
    return [
        a.lower()
        for a in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


def _accept(invitation: StaffInvitation, *, user: User) -> InstitutionMembership:
    """The accept steps once the invitation is locked (by its token or by its address)."""
    now = timezone.now()
    if invitation.accepted_by_id == user.pk:
        membership = InstitutionMembership.objects.filter(
            user=user,
            institution=invitation.institution,
            role=InstitutionMembership.Role.STAFF,
            ended_at__isnull=True,
        ).first()
        if membership is not None:
            return membership  # opened twice: nothing more to do
    target = transition_target(invitation, "accept")
    staff_invitation_unexpired_require(invitation, now=now)
    membership = institution_staff_join(
        user=user, institution=invitation.institution, staff_role=invitation.staff_role
    )
    invitation.state = target
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
