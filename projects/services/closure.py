"""The closure guarantee: no application waits for an answer more than 14 days.

Day 7 and day 12 the mentor is reminded (projects/services/nudges.py, with one-click decline
reasons); on day 14 the system declines what is still unanswered, kindly and labelled as an
automatic close (`closed_automatically`, reason `no_answer`, no note from the mentor), and
offers the drafter three other tasks that fit, chosen by the recommender.

Each application closes in its own transaction, under its lock, and only if it is still
unanswered and old enough when locked: a second run, a second worker or a worker that
restarted mid-run finds nothing left to do, and the drafter is told once (the notification is
written in the same transaction as the state).
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.notifications import notification_send
from marketplace.errors import field_error
from projects import error_codes as codes
from projects.closure_rules import CLOSE_AFTER
from projects.locks import application_lock
from projects.matching.recommendations import task_recommendations_for_user
from projects.models import Application, Task
from projects.response_rates import mentor_response_rates_store
from projects.services.applications import application_decline
from projects.transitions import PENDING_APPLICATION_STATES, SYSTEM, transition_target

ALTERNATIVES = 3
Reason = Application.DeclineReason
# The reasons a mentor may give with one click; `no_answer` is the system's alone.
MENTOR_DECLINE_REASONS = tuple(r for r in Reason.values if r != Reason.NO_ANSWER)

CLOSED_TITLE = "“{title}” closed without an answer"
CLOSED_BODY = (
    "The mentor did not answer within 14 days, so Slipstream closed your application. It says "
    "nothing about your work — mentors get busy. {alternatives}"
)


def _alternative_ids(*, drafter: User) -> list[int]:
    """Three open tasks that fit the drafter, best first (the recommender's own list, which
    already leaves out tasks they applied to)."""
    rows = task_recommendations_for_user(user=drafter, limit=ALTERNATIVES)
    return [row["id"] for row in rows]


def _alternatives_text(*, application: Application, task_ids: list[int]) -> str:
    if not task_ids:
        return "Browse open tasks for your next one."
    titles = dict(Task.objects.filter(pk__in=task_ids).values_list("id", "title"))
    names = "; ".join(f"“{titles[i]}”" for i in task_ids if i in titles)
    return f"Here are {len(task_ids)} tasks that fit you: {names}."


def application_close_unanswered(*, application_id: int, now: datetime) -> bool:
    """Decline one application nobody answered within CLOSE_AFTER, as the system. Returns
    whether it closed it (False when it was answered, withdrawn or closed meanwhile)."""
    candidate = (
        Application.objects.filter(pk=application_id).select_related("drafter").only("drafter")
    ).first()
    if candidate is None:
        return False
    # Chosen before the lock (a dozen reads): the lock is held for the write only.
    alternatives = _alternative_ids(drafter=candidate.drafter)
    with transaction.atomic():
        application = application_lock(application_id=application_id)
        if (
            application is None
            or application.state not in PENDING_APPLICATION_STATES
            or application.created_at > now - CLOSE_AFTER
        ):
            return False
        # "decline" lists SYSTEM among its actors: the closing job acts as the system.
        application.state = transition_target(application, "decline", role=SYSTEM)
        application.decline_reason = Reason.NO_ANSWER
        application.decline_note = ""  # never "a note from the mentor"
        application.closed_automatically = True
        application.alternative_task_ids = alternatives
        application.save(
            update_fields=[
                "state",
                "decline_reason",
                "decline_note",
                "closed_automatically",
                "alternative_task_ids",
                "updated_at",
            ]
        )
        # An automatic close counts against the mentor: their stored figure moves with it.
        mentor_response_rates_store(mentor_ids={application.task.mentor_id}, now=now)
        notification_send(
            recipient=application.drafter,
            kind="application_closed_automatically",
            title=CLOSED_TITLE.format(title=application.task.title),
            body=CLOSED_BODY.format(
                alternatives=_alternatives_text(application=application, task_ids=alternatives)
            ),
            url=f"/applications/{application.pk}/",
        )
    return True


def applications_close_due(*, now: datetime | None = None) -> int:
    """Close every application left unanswered (submitted or shortlisted) for CLOSE_AFTER.
    Returns how many it closed; a second run closes none."""
    now = now or timezone.now()
    due = (
        Application.objects.filter(
            state__in=PENDING_APPLICATION_STATES, created_at__lte=now - CLOSE_AFTER
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    return sum(application_close_unanswered(application_id=pk, now=now) for pk in list(due))


def application_decline_with_reason(
    *, application_id: int, mentor: User, reason: str, note: str = ""
) -> Application:
    """The mentor's one-click decline (from the day-7 reminder or the page): the usual decline,
    with a reason from the short list recorded for the drafter's page."""
    if reason not in MENTOR_DECLINE_REASONS:
        raise field_error(
            "Choose one of the listed reasons.", code=codes.DECLINE_REASON_INVALID, field="reason"
        )
    with transaction.atomic():
        application = application_decline(application_id=application_id, mentor=mentor, note=note)
        application.decline_reason = reason
        application.save(update_fields=["decline_reason"])
    return application
