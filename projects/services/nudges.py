"""Follow-up nudges: planned from the state of applications and engagements, sent once each.

Planning is idempotent: a nudge's `key` names its moment (kind, object, round) and is unique,
so planning again finds the row. Sending flips the row to "sent" in the same transaction that
records the notification (whose e-mail goes after commit), so a worker that restarts mid-run
never sends one twice. A nudge whose engagement has moved on is dropped, not sent.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Profile, User
from accounts.services.notifications import notification_send
from accounts.services.preferences import notification_preferences_get
from marketplace.errors import NotFound, field_error
from projects import error_codes as codes
from projects import locks
from projects.models import Application, Deliverable, Engagement, Nudge, ReportBack, Task
from projects.response_rates import mentors_with_low_response_rate
from projects.services.closure import CLOSE_AFTER, MENTOR_DECLINE_REASONS
from projects.stipends.terms import AUTO_RELEASE_AFTER
from projects.transitions import PENDING_APPLICATION_STATES as UNANSWERED_STATES

# The closure guarantee (projects/services/closure.py): the mentor is reminded on day 7, with
# one-click decline reasons, and a last time on day 12; on day 14 the application closes.
UNANSWERED_REMINDER_DAYS = (7, 12)
UNANSWERED_AFTER = timedelta(days=UNANSWERED_REMINDER_DAYS[0])
DUE_WITHIN = timedelta(days=2)
UNREVIEWED_AFTER = timedelta(days=3)
REPORT_BACK_AFTER_DAYS = (30, 90)
PAY_IT_FORWARD_AFTER_DRAFTS = 2
# Frequency cap: at most this many nudges reach one person in a day; the rest wait a day.
MAX_PER_DAY = 3
SNOOZE_MAX_DAYS = 30

Kind = Nudge.Kind
REPORT_BACK_KINDS = (Kind.REPORT_BACK, Kind.INTRODUCTION_ASK, Kind.PAY_IT_FORWARD)

TEXT: dict[str, tuple[str, str]] = {
    Kind.APPLICATION_UNANSWERED: (
        "An application has waited {days} days",
        "Shortlist, accept or decline — a short answer helps them plan. It closes automatically "
        "after 14 days. Decline in one click, with a reason:",
    ),
    Kind.LOW_RESPONSE_RATE: (
        "Applications to your tasks are waiting",
        "You answered under half of the applications of the last 90 days within 14 days, so your "
        "tasks now rank lower. Pause or close the tasks you have no time for — drafters plan "
        "around your answer.",
    ),
    Kind.DELIVERABLE_DUE: (
        "“{title}” is due in two days",
        "Hand in what you have, or message your mentor.",
    ),
    Kind.DELIVERY_UNREVIEWED: (
        "Delivered work on “{title}” waits for your review",
        "Approve it or ask for a revision; after 14 days it is released.",
    ),
    Kind.REPORT_BACK: (
        "What did “{title}” lead to?",
        "Tell your mentor — an introduction, a referral, an offer? Thank you, part 2.",
    ),
    Kind.INTRODUCTION_ASK: (
        "Could you introduce your drafter from “{title}” to someone?",
        "An introduction is the most useful thanks a drafter can get.",
    ),
    Kind.PAY_IT_FORWARD: (
        "You have completed {count} drafts — pay it forward?",
        "Post an overflow task of your own, or review portfolios of newer drafters.",
    ),
}


def _plan(key: str, **fields: Any) -> bool:
    _, created = Nudge.objects.get_or_create(key=key, defaults=fields)
    return created


def nudges_plan(*, now: datetime | None = None) -> int:
    """Create the nudges whose moment has come (each once). Returns how many are new."""
    now = now or timezone.now()
    created = 0
    waiting = Application.objects.filter(
        state__in=UNANSWERED_STATES,
        created_at__lte=now - UNANSWERED_AFTER,
        created_at__gt=now - CLOSE_AFTER,
    ).select_related("task")
    for application in waiting.iterator():
        waited = now - application.created_at
        rounds = sum(waited >= timedelta(days=day) for day in UNANSWERED_REMINDER_DAYS)
        created += _plan(
            f"application_unanswered:{application.pk}:{rounds}",
            kind=Kind.APPLICATION_UNANSWERED,
            recipient_id=application.task.mentor_id,
            application=application,
            due_at=now,
        )
    delivered = Exists(Deliverable.objects.filter(engagement_id=OuterRef("pk")))
    due = Engagement.objects.filter(
        state=Engagement.State.ACTIVE,
        task__deadline__lte=(now + DUE_WITHIN).date(),
        task__deadline__gte=now.date(),
    ).exclude(delivered)
    for engagement in due.iterator():
        created += _plan(
            f"deliverable_due:{engagement.pk}",
            kind=Kind.DELIVERABLE_DUE,
            recipient_id=engagement.drafter_id,
            engagement=engagement,
            due_at=now,
        )
    unreviewed = Engagement.objects.filter(
        state=Engagement.State.DELIVERED,
        delivered_at__lte=now - UNREVIEWED_AFTER,
        delivered_at__gt=now - AUTO_RELEASE_AFTER,
    )
    for engagement in unreviewed.iterator():
        created += _plan(
            f"delivery_unreviewed:{engagement.pk}:{engagement.delivered_at:%Y%m%d%H%M%S}",
            kind=Kind.DELIVERY_UNREVIEWED,
            recipient_id=engagement.mentor_id,
            engagement=engagement,
            due_at=now,
        )
    for days in REPORT_BACK_AFTER_DAYS:
        done = Engagement.objects.filter(
            state=Engagement.State.COMPLETED, completed_at__lte=now - timedelta(days=days)
        ).filter(completed_at__gt=now - timedelta(days=days + 30))
        for engagement in done.iterator():
            created += _plan(
                f"report_back:{engagement.pk}:{days}",
                kind=Kind.REPORT_BACK,
                recipient_id=engagement.drafter_id,
                engagement=engagement,
                due_at=now,
            )
            created += _plan(
                f"introduction_ask:{engagement.pk}:{days}",
                kind=Kind.INTRODUCTION_ASK,
                recipient_id=engagement.mentor_id,
                engagement=engagement,
                due_at=now,
            )
    seasoned = (
        Engagement.objects.filter(state=Engagement.State.COMPLETED)
        .values("drafter_id")
        .annotate(n=Count("id"))
        .filter(n__gte=PAY_IT_FORWARD_AFTER_DRAFTS)
        .values_list("drafter_id", flat=True)
    )
    for user_id in Profile.objects.filter(user_id__in=seasoned, wants_to_mentor=False).values_list(
        "user_id", flat=True
    ):
        created += _plan(
            f"pay_it_forward:{user_id}",
            kind=Kind.PAY_IT_FORWARD,
            recipient_id=user_id,
            due_at=now,
        )
    for mentor_id in mentors_with_low_response_rate(now=now):
        created += _plan(
            f"low_response_rate:{mentor_id}:{now:%Y%m}",  # once a month at most
            kind=Kind.LOW_RESPONSE_RATE,
            recipient_id=mentor_id,
            due_at=now,
        )
    return created


def _still_relevant(nudge: Nudge) -> bool:
    """The moment has not passed: the application still waits, the work is still due, ..."""
    if nudge.kind == Kind.APPLICATION_UNANSWERED:
        assert nudge.application is not None  # this kind is planned for an application
        return nudge.application.state in UNANSWERED_STATES
    engagement = nudge.engagement
    if nudge.kind == Kind.DELIVERABLE_DUE:
        assert engagement is not None  # planned for an engagement
        return engagement.state == Engagement.State.ACTIVE
    if nudge.kind == Kind.DELIVERY_UNREVIEWED:
        assert engagement is not None  # planned for an engagement
        return engagement.state == Engagement.State.DELIVERED and nudge.key.endswith(
            f"{engagement.delivered_at:%Y%m%d%H%M%S}"
        )
    if nudge.kind in (Kind.REPORT_BACK, Kind.INTRODUCTION_ASK):
        return not ReportBack.objects.filter(
            engagement=engagement, author_id=nudge.recipient_id
        ).exists()
    return True


def _wanted(nudge: Nudge) -> bool:
    preferences = notification_preferences_get(user=nudge.recipient)
    if nudge.kind in REPORT_BACK_KINDS:
        return preferences.nudges and preferences.report_back_prompts
    return preferences.nudges


def _text(nudge: Nudge, now: datetime) -> tuple[str, str, str]:
    """Title, body and link of the notification a nudge becomes."""
    title, body = TEXT[nudge.kind]
    task: Task | None
    if nudge.application is not None:
        task, url = nudge.application.task, f"/applications/{nudge.application_id}/"
    elif nudge.engagement is not None:
        task, url = nudge.engagement.task, f"/engagements/{nudge.engagement_id}/"
    elif nudge.kind == Kind.LOW_RESPONSE_RATE:
        task, url = None, "/dashboard/"
    else:
        task, url = None, "/tasks/new/"
    if nudge.kind == Kind.REPORT_BACK:
        url = f"/engagements/{nudge.engagement_id}/report-back/"
    count = 0
    if nudge.kind == Kind.PAY_IT_FORWARD:
        count = Engagement.objects.filter(
            drafter_id=nudge.recipient_id, state=Engagement.State.COMPLETED
        ).count()
    days = (now - nudge.application.created_at).days if nudge.application is not None else 0
    if nudge.kind == Kind.APPLICATION_UNANSWERED:
        title, body = _unanswered_text(nudge, days=days, title=title, body=body, url=url)
    return title.format(title=task.title if task else "", days=days, count=count), body, url


def _unanswered_text(
    nudge: Nudge, *, days: int, title: str, body: str, url: str
) -> tuple[str, str]:
    """The day-7 reminder lists the one-click decline reasons (each link opens the application
    with that reason's button ready); the day-12 one is the last before the automatic close."""
    if nudge.key.split(":")[2:3] == [str(len(UNANSWERED_REMINDER_DAYS))]:
        left = max((CLOSE_AFTER.days - days), 1)
        title = f"Last reminder: an application closes in {left} day{'s' if left > 1 else ''}"
    links = "\n".join(
        f"- {label}: {settings.SITE_URL}{url}?decline={reason}#decline"
        for reason, label in Application.DeclineReason.choices
        if reason in MENTOR_DECLINE_REASONS
    )
    return title, f"{body}\n{links}"


def nudges_send_due(*, now: datetime | None = None) -> dict[str, int]:
    """Send the nudges whose time has come, each in its own transaction, at most MAX_PER_DAY
    a person a day. Returns counts of sent, dropped and held back."""
    now = now or timezone.now()
    done = {"sent": 0, "dropped": 0, "held": 0}
    due_ids = list(
        Nudge.objects.filter(state=Nudge.State.PENDING, due_at__lte=now)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=now))
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
    )
    for nudge_id in due_ids:
        with transaction.atomic():
            nudge = locks.nudge_lock(nudge_id=nudge_id, state=Nudge.State.PENDING)
            if nudge is None:  # another worker got there first
                continue
            if not _still_relevant(nudge) or not _wanted(nudge):
                nudge.state = Nudge.State.DROPPED
                nudge.save(update_fields=["state"])
                done["dropped"] += 1
                continue
            sent_today = Nudge.objects.filter(
                recipient_id=nudge.recipient_id,
                state=Nudge.State.SENT,
                sent_at__gt=now - timedelta(days=1),
            ).count()
            if sent_today >= MAX_PER_DAY:
                nudge.due_at = now + timedelta(days=1)
                nudge.save(update_fields=["due_at"])
                done["held"] += 1
                continue
            title, body, url = _text(nudge, now)
            notification_send(
                recipient=nudge.recipient,
                kind=f"nudge_{nudge.kind}",
                title=title,
                body=body,
                url=url,
            )
            nudge.state = Nudge.State.SENT
            nudge.sent_at = now
            nudge.save(update_fields=["state", "sent_at"])
            done["sent"] += 1
    return done


def _mine(*, nudge_id: int, user: User) -> Nudge:
    nudge = locks.nudge_lock(nudge_id=nudge_id, recipient=user)
    if nudge is None:
        raise NotFound("Nudge not found.")
    return nudge


def nudge_snooze(*, nudge_id: int, user: User, days: int) -> Nudge:
    """Not now: the nudge waits `days` days (1 to 30) before it may be sent again."""
    if not 1 <= days <= SNOOZE_MAX_DAYS:
        raise field_error(
            f"Snooze for 1 to {SNOOZE_MAX_DAYS} days.", code=codes.NUDGE_INVALID, field="days"
        )
    with transaction.atomic():
        nudge = _mine(nudge_id=nudge_id, user=user)
        nudge.snoozed_until = timezone.now() + timedelta(days=days)
        if nudge.state == Nudge.State.SENT:  # a reminder again after the snooze
            nudge.state = Nudge.State.PENDING
            nudge.key = f"{nudge.key}:again{nudge.pk}:{timezone.now():%Y%m%d%H%M%S}"[:120]
        nudge.save(update_fields=["snoozed_until", "state", "key"])
    return nudge


def nudge_turn_off(*, nudge_id: int, user: User) -> Nudge:
    """Never remind me of this one."""
    with transaction.atomic():
        nudge = _mine(nudge_id=nudge_id, user=user)
        nudge.state = Nudge.State.OFF
        nudge.save(update_fields=["state"])
    return nudge
