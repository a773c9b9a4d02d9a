"""Featured tasks: an institution's list, and the badge its students see on task cards."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from accounts.models import Institution, InstitutionMembership, User
from marketplace.errors import NotFound
from projects.careers.access import CareersAccess
from projects.careers.models import FeaturedTask


def featured_tasks_for_institution(
    *, access: CareersAccess, updated_since: datetime | None = None, active_only: bool = True
) -> QuerySet[FeaturedTask]:
    rows = FeaturedTask.objects.filter(institution=access.institution).select_related(
        "task", "featured_by__profile"
    )
    if updated_since is not None:
        # Incremental sync also reports unfeaturing, as a row with `active: false`.
        return rows.filter(updated_at__gt=updated_since)
    if active_only:
        rows = rows.filter(ended_at__isnull=True)
    return rows


def featured_task_get(*, access: CareersAccess, featured_id: int) -> FeaturedTask:
    row = featured_tasks_for_institution(access=access).filter(pk=featured_id).first()
    if row is None:
        raise NotFound("No such featured task.")
    return row


def featured_task_shape(row: FeaturedTask) -> dict[str, Any]:
    featured_by = row.featured_by
    return {
        "id": row.pk,
        "task": {
            "id": row.task_id,
            "title": row.task.title,
            "state": row.task.state,
            "url": f"/tasks/{row.task_id}/",
        },
        "note": row.note,
        "featured_by": (
            (featured_by.profile.display_name or featured_by.profile.handle)
            if featured_by
            else None
        ),
        "active": row.ended_at is None,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def featured_badges_for_tasks(*, viewer: User, task_ids: Iterable[int]) -> dict[int, list[str]]:
    """{task id: names of the viewer's institutions featuring it} for the task cards'
    "Featured by your career office" badge; only the viewer's own live student memberships
    count. One query, whatever the number of tasks."""
    if not viewer.is_authenticated:
        return {}
    institutions = InstitutionMembership.objects.filter(
        user=viewer,
        role=InstitutionMembership.Role.STUDENT,
        ended_at__isnull=True,
        institution__status=Institution.Status.APPROVED,
    ).values("institution_id")
    badges: dict[int, list[str]] = {}
    for task_id, name in (
        FeaturedTask.objects.filter(
            task_id__in=list(task_ids), ended_at__isnull=True, institution_id__in=institutions
        )
        .order_by("institution__name")
        .values_list("task_id", "institution__name")
    ):
        badges.setdefault(task_id, []).append(name)
    return badges


def featured_badges_for_student(*, viewer: User) -> dict[int, list[str]]:
    """Every task currently featured for the viewer, with the featuring institutions."""
    task_ids = FeaturedTask.objects.filter(ended_at__isnull=True).values_list("task_id", flat=True)
    return featured_badges_for_tasks(viewer=viewer, task_ids=task_ids)
