"""What a drafter wants to know about a mentor before offering to help: who they are, whether
drafts with them get finished, and how soon they answer."""

from statistics import median
from typing import Any

from django.db.models import Count, Q

from accounts.models import User
from projects.models import Application, Engagement

# The answered applications a mentor's response time is measured over (the most recent ones).
RESPONSE_SAMPLE = 50


def mentor_response_hours(*, mentor_id: int) -> int | None:
    """Median hours from an application arriving to the mentor's first answer (shortlist,
    accept or decline), over their recent answered applications; None with no answers yet."""
    answered = (
        Application.objects.filter(task__mentor_id=mentor_id)
        .exclude(state__in=[Application.State.SUBMITTED, Application.State.WITHDRAWN])
        .order_by("-id")
        .values_list("created_at", "updated_at")[:RESPONSE_SAMPLE]
    )
    hours = [(answered_at - sent).total_seconds() / 3600 for sent, answered_at in answered]
    return round(median(hours)) if hours else None


def mentor_trust_card(*, mentor: User) -> dict[str, Any]:
    """The mentor card of a task page (two queries; the profile comes with the task)."""
    profile = mentor.profile
    done = Engagement.objects.filter(mentor=mentor).aggregate(
        drafts_completed=Count("id", filter=Q(state=Engagement.State.COMPLETED)),
        people_helped=Count("drafter", filter=Q(state=Engagement.State.COMPLETED), distinct=True),
    )
    return {
        "handle": profile.handle,
        "display_name": profile.display_name,
        "avatar": profile.avatar.name if profile.avatar else "",
        "organisation": profile.organisation,
        "job_title": profile.job_title,
        "drafts_completed": done["drafts_completed"],
        "people_helped": done["people_helped"],
        "median_response_hours": mentor_response_hours(mentor_id=mentor.pk),
        "member_since": mentor.date_joined.date(),
    }
