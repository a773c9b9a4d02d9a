"""The lock order of the career-office app (projects/locks.py cannot import careers: nothing
else in projects imports it). Only modules named `locks.py` call `select_for_update`.

    featured task  (locked alone: a staff member ending one institution's featuring)

Careers rows are never locked together with lifecycle rows; if one ever is, the lifecycle's
order (projects/locks.py) comes first and the careers row last.
"""

from typing import Any

from projects.careers.models import FeaturedTask


def featured_task_lock(*, featured_id: int, **filters: Any) -> FeaturedTask | None:
    """One featuring, scoped by the caller's `filters` (institution, still running)."""
    return (
        FeaturedTask.objects.select_for_update(of=("self",))
        .filter(pk=featured_id, **filters)
        .first()
    )
