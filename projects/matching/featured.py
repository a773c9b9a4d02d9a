"""The careers app's hook: tasks a drafter's career office features for its students.

The careers work (featured tasks) lands in parallel; until it does no task is featured, so the
FEATURED_POINTS weight adds nothing and the "Featured by your career office" reason never shows.
When it lands, this function asks its selector for the featured ids among `task_ids` for the
user's institutions (one query)."""

from accounts.models import User


def task_ids_featured_for(*, user: User, task_ids: list[int]) -> set[int]:
    """Ids among `task_ids` featured by a career office of an institution the user studies at."""
    return set()
