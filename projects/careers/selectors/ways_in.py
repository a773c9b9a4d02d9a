"""Reads about the ways into an office: the join requests waiting for its admins (Office
settings → Colleagues), what the person who asked sees of their own request, and the
invitations waiting for the signed-in person's confirmed addresses (shown on /careers/).

A request has no table of its own (projects/careers/services/access_requests.py): it is the
admins' notices of kind `staff_access_requested` pointing at the requester's address. It waits
until an admin invites that address (an invitation created after the ask), the address joins
the staff, or an admin dismisses it (the notices become `staff_access_dismissed`)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote, unquote

from allauth.account.models import EmailAddress
from django.db.models import Max
from django.utils import timezone

from accounts.models import Institution, InstitutionMembership, Notification, StaffInvitation, User
from marketplace.errors import Forbidden, NotFound
from projects.careers import error_codes
from projects.careers.access import CareersAccess

ACCESS_REQUEST_KIND = "staff_access_requested"
ACCESS_REQUEST_DISMISSED_KIND = "staff_access_dismissed"
ACCESS_REQUEST_QUIET_HOURS = 24


def access_request_link(*, email: str) -> str:
    """Where an admin's notice points: Office settings, the colleague form filled in."""
    return f"/careers/settings/?invite={quote(email, safe='@')}#colleagues"


def access_request_office_get(*, user: User) -> InstitutionMembership:
    """The live office whose domain the person's confirmed address is on: their student-side
    membership there (the same rule the /careers/ page uses to say the office is here). 404
    otherwise, in the same words whatever the reason, so no office is revealed."""
    membership = (
        InstitutionMembership.objects.filter(
            user=user,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            institution__status=Institution.Status.APPROVED,
        )
        .select_related("institution")
        .order_by("institution__name")
        .first()
    )
    if membership is None or not membership.email:
        raise NotFound(
            "None of your confirmed addresses is on the domain of a career office on Slipstream.",
            code=error_codes.ACCESS_REQUEST_NO_OFFICE,
        )
    return membership


# A request older than this is no longer listed: the person may have asked again since, or
# moved on; asking again lists it anew.
ACCESS_REQUEST_SHOWN_DAYS = 30
ACCESS_REQUESTS_SHOWN = 50  # newest first; an office never has this many at once in practice
_LINK_PREFIX = "/careers/settings/?invite="


@dataclass(frozen=True)
class WaitingRequest:
    id: int  # the newest notice of the request: what dismiss names
    email: str
    name: str
    asked_at: datetime


@dataclass(frozen=True)
class MyRequest:
    institution: Institution
    asked_at: datetime | None
    ask_again_at: datetime | None  # null when the person may ask now


def _email_of(url: str) -> str:
    return unquote(url.removeprefix(_LINK_PREFIX).split("#", 1)[0]).lower()


def _office_notices(institution: Institution, kinds: list[str]):
    """Notices of these kinds held by the office's current staff (the admins who were told)."""
    staff = InstitutionMembership.objects.filter(
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        ended_at__isnull=True,
    ).values("user_id")
    return Notification.objects.filter(kind__in=kinds, recipient_id__in=staff)


def access_requests_waiting(*, access: CareersAccess) -> list[WaitingRequest]:
    """The office's waiting join requests, newest first: admins only (the notices went to
    them, and only they can invite or dismiss); 403 for a viewer colleague."""
    if not access.is_admin:
        raise Forbidden(
            "Only the institution's admin staff can do this.",
            code=error_codes.NOT_INSTITUTION_ADMIN,
        )
    institution = access.institution
    since = timezone.now() - timedelta(days=ACCESS_REQUEST_SHOWN_DAYS)
    groups = list(
        _office_notices(institution, [ACCESS_REQUEST_KIND])
        .filter(created_at__gte=since)
        .values("url")
        .annotate(last_id=Max("id"), asked_at=Max("created_at"))
        .order_by("-asked_at")[: ACCESS_REQUESTS_SHOWN * 2]
    )
    by_email = {_email_of(g["url"]): g for g in groups}
    if not by_email:
        return []
    # Answered: invited since the ask, or a colleague already.
    invited = {
        row["email"].lower(): row["last"]
        for row in StaffInvitation.objects.filter(institution=institution, email__in=by_email)
        .values("email")
        .annotate(last=Max("created_at"))
    }
    colleagues = {
        address.lower()
        for address in EmailAddress.objects.filter(
            email__in=by_email,
            verified=True,
            user__memberships__institution=institution,
            user__memberships__role=InstitutionMembership.Role.STAFF,
            user__memberships__ended_at__isnull=True,
        ).values_list("email", flat=True)
    }
    # Their own name, never staff_name's "A colleague at …": they are not a colleague yet.
    names = {
        m.email.lower(): m.user.profile.display_name.strip()
        for m in InstitutionMembership.objects.filter(
            institution=institution,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            email__in=by_email,
        ).select_related("user__profile")
    }
    waiting = [
        WaitingRequest(
            id=group["last_id"],
            email=email,
            # No name yet: the address says who it is (the row shows it beside the name).
            name=names.get(email) or email,
            asked_at=group["asked_at"],
        )
        for email, group in by_email.items()
        if email not in colleagues
        and not (email in invited and invited[email] >= group["asked_at"])
    ]
    return waiting[:ACCESS_REQUESTS_SHOWN]


def access_request_mine(*, user: User) -> MyRequest:
    """What the person who may ask sees of their own request to the office on their confirmed
    address's domain: when they last asked (dismissed or not: a dismissal is not announced to
    them) and from when they may ask again. 404 as for asking when there is no such office."""
    membership = access_request_office_get(user=user)
    institution = membership.institution
    url = access_request_link(email=membership.email.lower())
    asked = (
        _office_notices(institution, [ACCESS_REQUEST_KIND, ACCESS_REQUEST_DISMISSED_KIND])
        .filter(url=url)
        .aggregate(last=Max("created_at"))
    )
    last = asked["last"]
    if last is None:
        return MyRequest(institution=institution, asked_at=None, ask_again_at=None)
    again = last + timedelta(hours=ACCESS_REQUEST_QUIET_HOURS)
    return MyRequest(
        institution=institution,
        asked_at=last,
        ask_again_at=again if again > timezone.now() else None,
    )


def staff_invitations_waiting_for(*, user: User) -> list[StaffInvitation]:
    """Pending, unexpired invitations to one of the person's confirmed addresses, newest first
    (inviting an address again replaces its pending invitation, so one per office)."""
    addresses = [
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]
    if not addresses:
        return []
    return list(
        StaffInvitation.objects.filter(
            email__in=addresses,
            state=StaffInvitation.State.PENDING,
            expires_at__gt=timezone.now(),
        )
        .exclude(institution__status=Institution.Status.REJECTED)
        .select_related("institution", "invited_by__profile")
        .order_by("-created_at")[:10]
    )
