"""What a drafter wants to know about a mentor before offering to help: who they are, whether
drafts with them get finished, and how soon they answer."""

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from projects.matching.candidates import mentor_reply_days
from projects.models import Engagement


def _reply_hours(*, mentor_id: int) -> int | None:
    """The same measure "For you" names ("mentor replies within N days"), in hours."""
    days = mentor_reply_days(mentor_ids={mentor_id}, now=timezone.now()).get(mentor_id)
    return None if days is None else max(1, round(days * 24))


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
        "reply_hours": _reply_hours(mentor_id=mentor.pk),
        "member_since": mentor.date_joined.date(),
    }
