"""What a drafter sees of an automatic close (projects/services/closure.py): the tasks that fit,
chosen when it closed, as far as they are still open and visible to them."""

from typing import Any

from accounts.models import User
from projects.models import Application, Task
from projects.visibility import task_visible_q

ALTERNATIVE_FIELDS = (
    "id", "title", "estimated_hours", "level", "stipend_amount", "stipend_currency",
)  # fmt: skip


def application_alternatives_for(*, application: Application, viewer: User) -> list[dict[str, Any]]:
    """The alternatives of an application closed automatically, for its drafter only (the mentor
    and anyone else get none), in the recommender's order. One query, none when there are none."""
    ids = application.alternative_task_ids or []
    if not application.closed_automatically or viewer.pk != application.drafter_id or not ids:
        return []
    rows = {
        row["id"]: row
        for row in Task.objects.filter(task_visible_q(viewer), pk__in=ids, state=Task.State.OPEN)
        .exclude(applications__drafter=viewer)
        .values(*ALTERNATIVE_FIELDS)
    }
    return [rows[task_id] for task_id in ids if task_id in rows]
