""" "Tell me when a circle opens": a drafter with no circle to join for a skill family asks to
hear when one starts forming or opens; each alert is told once (in-app, and by e-mail unless
they turned invitation e-mails off)."""

from django.db import transaction
from django.utils import timezone

from accounts.models import NotificationPreference, User
from accounts.services.notifications import notification_send
from accounts.skill_families import SKILL_FAMILY_LABELS
from marketplace.errors import NotFound
from projects.circles.models import (
    CIRCLE_MAX_MEMBERS,
    CIRCLE_MIN_MEMBERS,
    Circle,
    CircleAlert,
    CircleMembership,
)
from projects.people import display_name


def _a(label: str) -> str:
    """ "a JavaScript circle", "an Interface design circle"."""
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"


def _family_or_404(skill_family: str) -> str:
    if skill_family not in SKILL_FAMILY_LABELS:
        raise NotFound("No such skill family.")
    return skill_family


def circle_alert_subscribe(*, user: User, skill_family: str) -> tuple[CircleAlert, bool]:
    """Wait for a circle of this family (again, if an earlier alert was already told).
    Returns the alert and whether this call started the wait."""
    family = _family_or_404(skill_family)
    with transaction.atomic():
        alert, created = CircleAlert.objects.get_or_create(user=user, skill_family=family)
        if created or alert.notified_at is None:
            return alert, created
        # Told before and asking again: a fresh wait (the unique row is reused, so one per
        # person and family holds). A conditional update, so two clicks re-arm it once.
        rearmed = CircleAlert.objects.filter(pk=alert.pk, notified_at__isnull=False).update(
            notified_at=None, created_at=timezone.now()
        )
        alert.refresh_from_db()
    return alert, bool(rearmed)


def circle_alert_unsubscribe(*, user: User, skill_family: str) -> None:
    """Stop waiting for a circle of this family. Idempotent: not waiting is already the result
    asked for (a second click, or another tab, is not an error)."""
    family = _family_or_404(skill_family)
    CircleAlert.objects.filter(user=user, skill_family=family, notified_at__isnull=True).delete()


def circle_alerts_notify(*, circle: Circle) -> int:
    """Tell everyone waiting for this circle's family who could join it (not its members; only
    the institution's people for an institution's circle). Called when a circle starts forming
    and when it opens; each alert is claimed by a conditional update, so it is told once even
    when two circles of its family appear at the same moment. Returns how many were told."""
    waiting = CircleAlert.objects.filter(
        skill_family=circle.skill_family, notified_at__isnull=True, user__is_active=True
    ).exclude(user_id__in=CircleMembership.objects.filter(circle=circle).values("user_id"))
    if circle.institution_id is not None:
        waiting = waiting.filter(
            user__memberships__institution_id=circle.institution_id,
            user__memberships__ended_at__isnull=True,
        )
    alerts = list(waiting.select_related("user").distinct())
    if not alerts:
        return 0
    email_off = set(
        NotificationPreference.objects.filter(
            user_id__in=[a.user_id for a in alerts], invitations=False
        ).values_list("user_id", flat=True)
    )
    label = SKILL_FAMILY_LABELS[circle.skill_family]
    forming = circle.state == Circle.State.FORMING
    article = _a(label)
    title = (
        f"{article[0].upper()}{article[1:]} circle is starting: “{circle.name}”"
        if forming
        else f"{article[0].upper()}{article[1:]} circle is open: “{circle.name}”"
    )
    wanted = max(CIRCLE_MIN_MEMBERS - circle.member_count, 0)
    body = (
        f"{display_name(circle.host)} is starting it; it begins once {wanted} more join. "
        if forming
        else f"It has {circle.member_count} of {CIRCLE_MAX_MEMBERS} members. "
    ) + f"You asked to hear when {_a(label)} circle opens: this is the only notice about it."
    now = timezone.now()
    told = 0
    for alert in alerts:
        claimed = CircleAlert.objects.filter(pk=alert.pk, notified_at__isnull=True).update(
            notified_at=now
        )
        if not claimed:
            continue
        notification_send(
            recipient=alert.user,
            kind="circle_alert",
            title=title,
            body=body,
            url=f"/circles/?skill={circle.skill_family}",
            email=alert.user_id not in email_off,
        )
        told += 1
    return told
