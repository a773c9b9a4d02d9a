"""The one lock order of the marketplace, written once (in the style of Saleor's lock_objects).

Every transaction that locks more than one of these rows takes them in this order, and only
through these functions:

    task -> application -> engagement -> stipend -> payout -> careers student -> summary cells

Locking the parent first means a participant's action, a Stripe webhook and an hourly job that
meet on one engagement queue up instead of deadlocking. Each lock names its own table with
`of=("self",)`, so joined rows (users, tasks) are never locked by accident. On SQLite, which has
no row locks, these are plain reads inside the caller's transaction.
"""

from typing import Any

from django.apps import apps

from accounts.models import User
from projects.models import Application, Engagement, Task
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


# --- Career offices (projects/careers): taken last, after any lifecycle row above, because the
# careers hook runs inside the lifecycle's own transaction. Order: careers student -> summary
# cells (in primary-key order). The models are looked up by label, not imported: nothing in the
# lifecycle may import projects.careers (an import-linter contract), and this module is the
# lifecycle's.


def careers_student_lock(*, institution_id: int, student_id: int) -> Any:
    return (
        apps.get_model("careers", "CareersStudent")
        .objects.select_for_update(of=("self",))
        .filter(institution_id=institution_id, student_id=student_id)
        .first()
    )


def summary_cells_lock(*, cell_ids: list[int]) -> list[Any]:
    cells = apps.get_model("careers", "SummaryCell").objects
    return list(cells.select_for_update(of=("self",)).filter(pk__in=cell_ids).order_by("pk"))


def staff_invitation_lock(*, hashed_token: str | None = None, **filters: Any) -> Any:
    """A career-office staff invitation (accounts), by its token's hash or by id + office.
    Taken before the invitee's user row (accepting makes their membership)."""
    rows = apps.get_model("accounts", "StaffInvitation").objects.select_for_update(of=("self",))
    if hashed_token is not None:
        filters["hashed_token"] = hashed_token
    return rows.filter(**filters).select_related("institution").first()


def roster_invitations_lock(*, institution_id: int, emails: list[str]) -> list[Any]:
    """The office's roster rows for these addresses (accounts.RosterInvitation), so two
    uploads at once do not both e-mail an address."""
    rows = apps.get_model("accounts", "RosterInvitation").objects.select_for_update(of=("self",))
    return list(rows.filter(institution_id=institution_id, email__in=emails).order_by("pk"))
