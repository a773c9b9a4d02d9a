"""Who may see which task: the one rule that browse, task pages, applying, introductions and
recommendations all share. It sits below projects/selectors and projects/matching, which both
read it and must not import each other (the import contracts)."""

from typing import Any, TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import InstitutionMembership, User
from projects.models import Task

Viewer = User | AnonymousUser | None


def signed_in(viewer: Viewer) -> TypeGuard[User]:
    """Whether `viewer` is a signed-in person (not anonymous, not absent)."""
    return viewer is not None and viewer.is_authenticated


def student_institution_ids(viewer: User) -> QuerySet[InstitutionMembership, Any]:
    """The institutions where `viewer` is an active student (a subquery of ids)."""
    return InstitutionMembership.objects.filter(
        user=viewer, role=InstitutionMembership.Role.STUDENT, ended_at__isnull=True
    ).values("institution_id")


def task_visible_q(viewer: Viewer) -> Q:
    """Tasks `viewer` may see: public ones, institution-only ones of an institution where the
    viewer is an active student, and their own."""
    visible = Q(visibility=Task.Visibility.PUBLIC)
    if not signed_in(viewer):
        return visible
    through = Task.institutions.through
    member = through.objects.filter(
        task_id=OuterRef("pk"), institution_id__in=student_institution_ids(viewer)
    )
    return visible | Q(Exists(member)) | Q(mentor=viewer)
