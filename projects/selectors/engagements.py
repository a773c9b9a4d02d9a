"""Engagement reads, for its two people; feedback stays double-blind until both have written.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from typing import Any

from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from accounts.models import User
from marketplace.errors import NotFound
from projects.feedback_rules import FEEDBACK_BLIND_PERIOD
from projects.models import (
    Deliverable,
    Engagement,
    Feedback,
    ThankYouNote,
)


def engagement_qs() -> QuerySet[Engagement]:
    # "offer": the accepted offer it was made from, if any (its timeline says so); one join.
    return Engagement.objects.select_related(
        "task", "mentor__profile", "drafter__profile", "cancelled_by__profile", "offer"
    )


def engagement_list_for_user(*, user: User, role: str = "") -> QuerySet[Engagement]:
    qs = engagement_qs()
    if role == "mentor":
        return qs.filter(mentor=user)
    if role == "drafter":
        return qs.filter(drafter=user)
    return qs.filter(Q(mentor=user) | Q(drafter=user))


def engagement_get_for_participant(*, engagement_id: int, user: User) -> Engagement:
    engagement = (
        engagement_qs()
        .prefetch_related(
            Prefetch("deliverables", queryset=Deliverable.objects.order_by("id")),
            Prefetch(
                "feedback",
                queryset=Feedback.objects.select_related("author__profile").prefetch_related(
                    "endorsed_skills"
                ),
            ),
            Prefetch("thanks", queryset=ThankYouNote.objects.order_by("id")),
            "task__skills",
            "report_backs",  # whether the viewer may still report back (allowed_actions)
        )
        .filter(Q(mentor=user) | Q(drafter=user), pk=engagement_id)
        .first()
    )
    if engagement is None:
        raise NotFound("Engagement not found.")
    return engagement


def deliverable_get_for_participant(*, deliverable_id: int, user: User) -> Deliverable:
    """A delivered file is for the engagement's two people only (anyone else: NotFound)."""
    deliverable = (
        Deliverable.objects.filter(
            Q(engagement__mentor=user) | Q(engagement__drafter=user), pk=deliverable_id
        )
        .exclude(file="")
        .first()
    )
    if deliverable is None:
        raise NotFound("File not found.")
    return deliverable


def feedback_visible_to(*, engagement: Engagement, user: User) -> dict[str, Any]:
    """Double-blind: the other side's feedback shows once both have written, or
    FEEDBACK_BLIND_PERIOD after completion."""
    written = {f.author_id: f for f in engagement.feedback.all()}
    mine = written.get(user.pk)
    other_id = engagement.drafter_id if user.pk == engagement.mentor_id else engagement.mentor_id
    theirs = written.get(other_id)
    unblinded = len(written) == 2 or (
        engagement.completed_at is not None
        and timezone.now() >= engagement.completed_at + FEEDBACK_BLIND_PERIOD
    )
    return {
        "mine": mine,
        "theirs": theirs if unblinded else None,
        "theirs_written": theirs is not None,
    }
