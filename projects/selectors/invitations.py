"""Invitations to apply: those a drafter received, those a mentor sent, each saying whether the
drafter has applied since."""

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery

from accounts.models import User
from projects.models import Application, Invitation


def _rows(invitations: QuerySet[Invitation], *, limit: int) -> list[dict[str, Any]]:
    """Newest first, the people on both ends named; one query."""
    applied = Application.objects.filter(task_id=OuterRef("task_id"), drafter=OuterRef("drafter"))
    rows: QuerySet[Invitation, Any] = invitations.order_by("-id").values(
        "id",
        "task_id",
        "note",
        "reasons",
        "state",
        "created_at",
        task_title=F("task__title"),
        task_state=F("task__state"),
        mentor_handle=F("mentor__profile__handle"),
        mentor_name=F("mentor__profile__display_name"),
        drafter_handle=F("drafter__profile__handle"),
        drafter_name=F("drafter__profile__display_name"),
        application_id=Subquery(applied.values("id")[:1]),
    )
    return list(rows[:limit])


def invitation_list_for_drafter(
    *, drafter: User, invitation_id: int | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """The invitations `drafter` received (or just `invitation_id`); `application_id` is set
    once they applied."""
    invitations = Invitation.objects.filter(drafter=drafter)
    if invitation_id is not None:
        invitations = invitations.filter(pk=invitation_id)
    return _rows(invitations, limit=limit)


def invitation_list_for_mentor(*, mentor: User, limit: int = 50) -> list[dict[str, Any]]:
    """The invitations `mentor` sent, to follow who applied and who declined."""
    return _rows(Invitation.objects.filter(mentor=mentor), limit=limit)
