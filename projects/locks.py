"""The one lock order of the marketplace, written once (in the style of Saleor's lock_objects).

Only modules named `locks.py` call `select_for_update` (tests/marketplace/test_lock_discipline.py
fails otherwise). Every transaction that locks more than one of these rows takes them in this
order, and only through these functions:

    stripe event -> task -> invitation -> application -> engagement -> stipend -> payout
    leaves, locked last and alone: thank-you note, nudge, introduction, connected account

- stripe event: a webhook's record is locked first; its handler then locks the lifecycle rows.
- task: the parent of everything a drafter or mentor changes; taken before its children.
- invitation: a task's invitation (invitation_create holds the task; decline locks it alone).
- application: always after its task (application_lock takes the task first).
- engagement: always after its task (engagement_lock takes the task first).
- stipend, payout: the money of one engagement, after the engagement (money never locks up).
- thank-you note, nudge, introduction, connected account: each locked alone in its own short
  transaction, or after the rows above; nothing is locked after them.

Locking the parent first means a participant's action, a Stripe webhook and an hourly job that
meet on one engagement queue up instead of deadlocking. Each lock names its own table with
`of=("self",)`, so joined rows (users, tasks) are never locked by accident. On SQLite, which has
no row locks, these are plain reads inside the caller's transaction.
"""

from typing import Any

from django.db.models import Q

from accounts.models import User
from projects.models import (
    Application,
    Engagement,
    Introduction,
    Invitation,
    Nudge,
    Task,
    ThankYouNote,
)
from projects.stipends.models import ConnectedAccount, Payout, Stipend, StripeEvent


def stripe_event_lock(*, event_id: str, defaults: dict[str, Any]) -> tuple[StripeEvent, bool]:
    """First in the order: the record of one Stripe event, created if new (get_or_create)."""
    return StripeEvent.objects.select_for_update(of=("self",)).get_or_create(
        event_id=event_id, defaults=defaults
    )


def task_lock(*conditions: Q, task_id: int, **filters: Any) -> Task | None:
    """Lock one task (with its mentor loaded); `conditions`/`filters` scope it to the caller."""
    return (
        Task.objects.select_for_update(of=("self",))
        .filter(*conditions, pk=task_id, **filters)
        .select_related("mentor")
        .first()
    )


def invitation_lock(*, invitation_id: int, drafter: User) -> Invitation | None:
    """One of the drafter's invitations (after its task, when the caller holds that too)."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .filter(pk=invitation_id, drafter=drafter)
        .first()
    )


def applications_lock_pending(*, task_id: int) -> list[Application]:
    """The pending applications of a task the caller has locked, in id order (with drafters)."""
    return list(
        Application.objects.select_for_update(of=("self",))
        .filter(
            task_id=task_id, state__in=(Application.State.SUBMITTED, Application.State.SHORTLISTED)
        )
        .select_related("drafter")
        .order_by("pk")
    )


def application_lock(*, application_id: int, **filters: Any) -> Application | None:
    """Lock the application's task, then the application (with task and people loaded)."""
    found = Application.objects.filter(pk=application_id, **filters).values("task_id").first()
    if found is None:
        return None
    task_lock(task_id=found["task_id"])
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("task", "drafter", "task__mentor")
        .get(pk=application_id)
    )


def engagement_lock(
    *, engagement_id: int, participant: User | None = None, role: str = "either"
) -> Engagement | None:
    """Lock the engagement's task, then the engagement. With `participant`, only that person's
    engagement is found (as `role`: mentor, drafter or either); without, any (system work)."""
    qs = Engagement.objects.filter(pk=engagement_id)
    if participant is not None:
        if role == "mentor":
            qs = qs.filter(mentor=participant)
        elif role == "drafter":
            qs = qs.filter(drafter=participant)
        else:
            qs = qs.filter(mentor=participant) | qs.filter(drafter=participant)
    found = qs.values("task_id").first()
    if found is None:
        return None
    task_lock(task_id=found["task_id"])
    return (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("task", "mentor", "drafter")
        .get(pk=engagement_id)
    )


def stipend_lock(*, engagement_id: int) -> Stipend | None:
    """Lock an engagement's stipend; the caller already holds the engagement (or needs no more)."""
    return (
        Stipend.objects.select_for_update(of=("self",)).filter(engagement_id=engagement_id).first()
    )


def payout_lock(*, engagement_id: int) -> Payout | None:
    return (
        Payout.objects.select_for_update(of=("self",)).filter(engagement_id=engagement_id).first()
    )


def payout_lock_by_transfer(*, transfer_id: str) -> Payout | None:
    """The payout a Stripe transfer paid (transfer.reversed names only the transfer)."""
    if not transfer_id:
        return None
    return Payout.objects.select_for_update(of=("self",)).filter(transfer_id=transfer_id).first()


# --- Leaves: locked alone, or after everything above ------------------------------------------


def thanks_lock(*, thanks_id: int, receiver: User) -> ThankYouNote | None:
    return (
        ThankYouNote.objects.select_for_update(of=("self",))
        .filter(pk=thanks_id, receiver=receiver)
        .first()
    )


def nudge_lock(*, nudge_id: int, **filters: Any) -> Nudge | None:
    """One nudge (with what it is about loaded), scoped by `filters` (recipient, state)."""
    return (
        Nudge.objects.select_for_update(of=("self",))
        .select_related("recipient", "application__task", "engagement__task")
        .filter(pk=nudge_id, **filters)
        .first()
    )


def introduction_lock(*, introduction_id: int, drafter: User) -> Introduction | None:
    """One of the drafter's introductions (with task, mentor and introducer loaded)."""
    return (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("task", "task__mentor", "introducer")
        .filter(pk=introduction_id, drafter=drafter)
        .first()
    )


def connected_account_lock(*, stripe_account_id: str) -> ConnectedAccount | None:
    """A drafter's connected account (onboarding links, account.updated)."""
    if not stripe_account_id:
        return None
    return (
        ConnectedAccount.objects.select_for_update(of=("self",))
        .filter(stripe_account_id=stripe_account_id)
        .first()
    )
