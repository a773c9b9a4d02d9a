"""Career-office staff feature open tasks for their students, and stop featuring them. Only
the office's admins do (the role that changes its settings); viewers read what is featured."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.errors import Conflict, Forbidden, NotFound
from projects.careers import error_codes
from projects.careers.access import CareersAccess
from projects.careers.locks import featured_task_lock
from projects.careers.models import FeaturedTask
from projects.models import Task
from projects.selectors.tasks import PUBLISHED_STATES


def _featuring_require(access: CareersAccess, *, verb: str) -> None:
    if not access.is_staff_session:
        raise Forbidden(f"Only career-office staff can {verb} tasks.", code=error_codes.STAFF_ONLY)
    if not access.is_admin:
        raise Forbidden(
            f"Only your office's admins can {verb} tasks; viewers see what is featured.",
            code=error_codes.NOT_INSTITUTION_ADMIN,
        )


def featured_task_create(*, access: CareersAccess, task_id: int, note: str = "") -> FeaturedTask:
    _featuring_require(access, verb="feature")
    task = Task.objects.filter(pk=task_id).first()
    # Visibility as the office's students see it, before state: someone's draft (or a
    # cancelled task) answers like a missing id, so the answer reveals nothing that exists.
    visible = (
        task is not None
        and task.state in PUBLISHED_STATES
        and (
            task.visibility == Task.Visibility.PUBLIC
            or task.institutions.filter(pk=access.institution.pk).exists()
        )
    )
    if task is None or not visible:
        raise NotFound("No such task.")
    if task.state != Task.State.OPEN:
        raise Conflict("Only open tasks can be featured.", code=error_codes.TASK_NOT_OPEN)
    existing = FeaturedTask.objects.filter(
        institution=access.institution, task=task, ended_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return FeaturedTask.objects.create(
                institution=access.institution,
                task=task,
                featured_by=access.staff_user,
                note=note.strip(),
            )
    except IntegrityError:
        # A colleague featured it in the same instant: theirs stands.
        return FeaturedTask.objects.get(
            institution=access.institution, task=task, ended_at__isnull=True
        )


def featured_task_end(*, access: CareersAccess, featured_id: int) -> None:
    _featuring_require(access, verb="unfeature")
    with transaction.atomic():
        row = featured_task_lock(
            featured_id=featured_id, institution=access.institution, ended_at__isnull=True
        )
        if row is None:
            raise NotFound("No such featured task.")
        row.ended_at = timezone.now()
        row.save(update_fields=["ended_at", "updated_at"])
