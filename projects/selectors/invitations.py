"""A drafter's invitations, each saying whether they have applied since."""

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery

from accounts.models import User
from projects.models import Application, Invitation


def invitation_list_for_drafter(
    *, drafter: User, invitation_id: int | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Newest first (or just `invitation_id`); `application_id` is set once the drafter
    applied. One query."""
    applied = Application.objects.filter(task_id=OuterRef("task_id"), drafter=drafter)
    invitations = Invitation.objects.filter(drafter=drafter)
    if invitation_id is not None:
        invitations = invitations.filter(pk=invitation_id)
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
        application_id=Subquery(applied.values("id")[:1]),
    )
    return list(rows[:limit])
