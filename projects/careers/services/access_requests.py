"""Asking to join an office that is already here: someone whose confirmed address is on a live
office's domain (which makes them a student-side member there, me/memberships/) but who has no
invitation asks that office's admins to invite them. Each admin gets a notice (in the inbox and
by e-mail) whose link opens the colleague invite form filled in with the requester's address;
the admin still chooses the role and sends the invitation.

No table of its own: a request IS the admins' notices of kind `staff_access_requested`, whose
link names the requester's address — which is also how a second request within
ACCESS_REQUEST_QUIET_HOURS is recognised and refused. Office settings → Colleagues lists the
waiting ones (projects/careers/selectors/ways_in.py); an admin invites (which answers it) or
dismisses it: the notices become `staff_access_dismissed`, read. The person who asked is not
told of a dismissal: their page keeps saying when they asked, and they may ask again once
ACCESS_REQUEST_QUIET_HOURS have passed since."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.locks import user_lock
from accounts.models import (
    Institution,
    InstitutionMembership,
    Notification,
    StaffInvitation,
    User,
)
from accounts.services.notifications import notification_send
from accounts.services.profiles import profile_update
from accounts.tasks import send_html_email
from marketplace.errors import Conflict, Forbidden, NotFound
from projects.careers import error_codes
from projects.careers.access import CareersAccess
from projects.careers.selectors.people import staff_name
from projects.careers.selectors.ways_in import (
    ACCESS_REQUEST_DISMISSED_KIND,
    ACCESS_REQUEST_KIND,
    ACCESS_REQUEST_QUIET_HOURS,
    access_request_link,
    access_request_office_get,
)


@dataclass(frozen=True)
class AccessRequestSent:
    institution: Institution
    sent_to: list[str]  # the admins' display names, never their addresses


def _office_admins(institution: Institution) -> list[User]:
    return [
        membership.user
        for membership in InstitutionMembership.objects.filter(
            institution=institution,
            role=InstitutionMembership.Role.STAFF,
            staff_role=InstitutionMembership.StaffRole.ADMIN,
            ended_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user__profile")
        .order_by("pk")
    ]


def access_request_not_staff_require(*, user: User) -> None:
    """409 when the person is already staff of a live office that one of their confirmed
    addresses belongs to: they are in already (their colleagues list shows them)."""
    verified = {
        address.email.lower().rsplit("@", 1)[-1]
        for address in EmailAddress.objects.filter(user=user, verified=True)
    }
    for membership in InstitutionMembership.objects.filter(
        user=user,
        role=InstitutionMembership.Role.STAFF,
        ended_at__isnull=True,
        institution__status=Institution.Status.APPROVED,
    ).select_related("institution"):
        domains = {d.lower().strip().lstrip("@") for d in membership.institution.email_domains}
        if any(host == d or host.endswith(f".{d}") for host in verified for d in domains):
            raise Conflict(
                f"You are already staff of {membership.institution.name}'s career office.",
                code=error_codes.ALREADY_STAFF,
            )


def access_request_not_invited_require(
    *, institution: Institution, email: str, now: datetime
) -> None:
    """409 when an invitation to this address already waits: accepting it is the way in (the
    /careers/ page shows it), and a request would only ask the admins for it twice."""
    if StaffInvitation.objects.filter(
        institution=institution,
        email__iexact=email,
        state=StaffInvitation.State.PENDING,
        expires_at__gt=now,
    ).exists():
        raise Conflict(
            f"An invitation to {institution.name}'s career office is waiting for you: accept it "
            "on your Career office page.",
            code=error_codes.ACCESS_REQUEST_INVITED,
        )


def access_request_not_recent_require(
    *, institution: Institution, email: str, admins: list[User], now: datetime
) -> None:
    """One request per ACCESS_REQUEST_QUIET_HOURS: the admins' earlier notices of this kind
    pointing at this address are the record of it."""
    since = now - timedelta(hours=ACCESS_REQUEST_QUIET_HOURS)
    earlier = (
        Notification.objects.filter(
            # A dismissed request counts too: dismissing does not invite a second ask at once.
            kind__in=[ACCESS_REQUEST_KIND, ACCESS_REQUEST_DISMISSED_KIND],
            recipient__in=admins,
            url=access_request_link(email=email),
            created_at__gte=since,
        )
        .select_related("recipient__profile")
        .order_by("created_at")
    )
    notices = list(earlier)
    if not notices:
        return
    asked = timezone.localtime(notices[0].created_at)
    told = sorted({staff_name(n.recipient, institution=institution.name) for n in notices})
    raise Conflict(
        f"You asked on {asked.day} {asked:%b}; {_names(told)} "
        f"{'has' if len(told) == 1 else 'have'} been told.",
        code=error_codes.ACCESS_REQUEST_RECENT,
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def access_request_send(*, user: User, display_name: str = "") -> AccessRequestSent:
    """Notify every admin of the office on the person's confirmed address that they ask to
    be invited. `display_name`, when given, is saved as their profile's name first (in the same
    transaction, so a refused request saves nothing): the admins' notice and letter then name
    them, and once they join, colleagues and students see that name. Refused: already staff
    there (409), no such office (404), an invitation already waiting for them (409
    `access_request_invited`), asked already in the last ACCESS_REQUEST_QUIET_HOURS (409
    `access_request_recent`)."""
    now = timezone.now()
    with transaction.atomic():
        user_lock(user)  # two clicks at once send one request, not two
        if display_name:
            # After the user lock: the accounts chain's order (user -> profile).
            user.profile = profile_update(user=user, data={"display_name": display_name})
        access_request_not_staff_require(user=user)
        membership = access_request_office_get(user=user)
        institution = membership.institution
        admins = _office_admins(institution)
        if not admins:  # an office without an admin cannot invite anyone: same as none
            raise NotFound(
                "None of your confirmed addresses is on the domain of a career office on "
                "Slipstream.",
                code=error_codes.ACCESS_REQUEST_NO_OFFICE,
            )
        email = membership.email.lower()
        access_request_not_invited_require(institution=institution, email=email, now=now)
        access_request_not_recent_require(
            institution=institution, email=email, admins=admins, now=now
        )
        name = user.profile.display_name.strip()
        requester = name or email
        # Someone with no name yet is named by their address, once: "a@b (a@b)" reads as a glitch.
        named = f"{name} ({email})" if name else email
        link = access_request_link(email=email)
        title = f"{requester} asks to join {institution.name}'s career office"
        for admin in admins:
            notification_send(
                recipient=admin,
                kind=ACCESS_REQUEST_KIND,
                title=title,
                body=(
                    f"{named} has a confirmed address on your office's domain and "
                    "asks you to invite them as a colleague. The link opens the invite form with "
                    "their address filled in: choose their role and press Send invitation."
                ),
                url=link,
                email=False,  # the letter below: text and HTML, like the other careers e-mails
            )
            if admin.is_active:
                message = _request_email(
                    title=title, name=name, email=email, institution=institution.name, link=link
                )
                transaction.on_commit(partial(send_html_email.enqueue, to=admin.email, **message))
    names = [staff_name(admin, institution=institution.name) for admin in admins]
    return AccessRequestSent(institution=institution, sent_to=names)


def access_requests_answered(*, institution: Institution, email: str) -> int:
    """An admin invited the person who asked to join: every admin's notice of that request is
    done, so no colleague invites them a second time. Returns how many notices were closed."""
    return Notification.objects.filter(
        kind=ACCESS_REQUEST_KIND,
        read_at__isnull=True,
        recipient__memberships__institution=institution,
        recipient__memberships__role=InstitutionMembership.Role.STAFF,
        url__iexact=access_request_link(email=email),
    ).update(read_at=timezone.now())


def _request_email(
    *, title: str, name: str, email: str, institution: str, link: str
) -> dict[str, str]:
    """Subject, text and HTML (the requester's name escaped by the template) of the letter
    telling an admin someone asks to join."""
    context = {
        "name": name,
        "email": email,
        "institution": institution,
        "link": f"{settings.SITE_URL}{link}",
    }
    return {
        "subject": f"Slipstream: {title}",
        "text": render_to_string("careers/email/staff_access_request.txt", context),
        "html": render_to_string("careers/email/staff_access_request.html", context),
    }


def access_request_dismiss(*, access: CareersAccess, request_id: int) -> None:
    """An admin dismisses a waiting join request (named by any of its notices' ids): every
    admin's notice of it becomes `staff_access_dismissed`, read, so it leaves the list and the
    bell. The person who asked is told nothing (see the module's docstring). 404 for a request
    of another office or none; 403 for a viewer colleague."""
    if not access.is_admin:
        raise Forbidden(
            "Only the institution's admin staff can do this.",
            code=error_codes.NOT_INSTITUTION_ADMIN,
        )
    institution = access.institution
    staff = InstitutionMembership.objects.filter(
        institution=institution, role=InstitutionMembership.Role.STAFF, ended_at__isnull=True
    ).values("user_id")
    notice = (
        Notification.objects.filter(pk=request_id, kind=ACCESS_REQUEST_KIND, recipient_id__in=staff)
        .only("url")
        .first()
    )
    if notice is None:
        raise NotFound("No such request to join.")
    now = timezone.localtime()
    by = staff_name(access.staff_user, institution=institution.name)
    # The other admins' inbox says what became of it, so nobody invites or dismisses it again.
    Notification.objects.filter(
        kind=ACCESS_REQUEST_KIND, recipient_id__in=staff, url=notice.url
    ).update(
        kind=ACCESS_REQUEST_DISMISSED_KIND,
        read_at=now,
        body=f"Dismissed by {by} on {now.day} {now:%b}. They were not told, and may ask again "
        "after a day.",
    )
