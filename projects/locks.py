"""The one lock order of the marketplace, written once (in the style of Saleor's lock_objects).

Every transaction that locks more than one of these rows takes them in this order, and only
through these functions:

    offer settings -> offer -> task -> application -> engagement -> stipend -> payout

(An offer comes first: accepting one creates its task and engagement while the offer is held.)

Locking the parent first means a participant's action, a Stripe webhook and an hourly job that
meet on one engagement queue up instead of deadlocking. Each lock names its own table with
`of=("self",)`, so joined rows (users, tasks) are never locked by accident. On SQLite, which has
no row locks, these are plain reads inside the caller's transaction.
"""

from typing import Any

from accounts.models import User
from projects.models import Application, Engagement, Task
from projects.offers.models import Offer, OfferSettings
from projects.stipends.models import Payout, Stipend


def task_lock(*, task_id: int, **filters: Any) -> Task | None:
    return Task.objects.select_for_update(of=("self",)).filter(pk=task_id, **filters).first()


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


def offer_settings_lock(*, mentor_id: int) -> OfferSettings | None:
    """Lock a mentor's offer settings: offers to that mentor queue up here, so the monthly cap
    holds under concurrent requests."""
    return (
        OfferSettings.objects.select_for_update(of=("self",))
        .select_related("mentor__profile")
        .filter(mentor_id=mentor_id)
        .first()
    )


def offer_lock(*, offer_id: int, **filters: Any) -> Offer | None:
    """Lock an offer (with its two people loaded); `filters` scope it to a participant."""
    return (
        Offer.objects.select_for_update(of=("self",))
        .select_related("mentor__profile", "drafter__profile")
        .filter(pk=offer_id, **filters)
        .first()
    )
