"""What a drafter wants to know about a mentor before offering to help: who they are, whether
drafts with them get finished, and how soon they answer."""

from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from projects.models import Engagement, MentorResponseRate
from projects.reply_times import mentor_reply_days

# The track record is aggregated over all the mentor's engagements and recent applications (two
# queries, one of them a scan of the window); it may be this many seconds old on a task page.
TRACK_RECORD_CACHE_SECONDS = 300


def _reply_hours(*, mentor_id: int) -> int | None:
    """The same measure "For you" names ("mentor replies within N days"), in hours."""
    days = mentor_reply_days(mentor_ids={mentor_id}, now=timezone.now()).get(mentor_id)
    return None if days is None else max(1, round(days * 24))


def _track_record(*, mentor_id: int) -> dict[str, Any]:
    # v2: the record gained the response rate; entries cached by the previous release lack it.
    key = f"mentor-track-record:v2:{mentor_id}"
    cached: dict[str, Any] | None = cache.get(key)
    if cached is not None:
        return cached
    done = Engagement.objects.filter(mentor_id=mentor_id).aggregate(
        drafts_completed=Count("id", filter=Q(state=Engagement.State.COMPLETED)),
        people_helped=Count("drafter", filter=Q(state=Engagement.State.COMPLETED), distinct=True),
    )
    # The stored figure browse shows on the mentor's cards (projects/response_rates.py).
    rates = MentorResponseRate.objects.filter(mentor_id=mentor_id).values(
        "response_rate", "median_reply_hours"
    ).first() or {"response_rate": None, "median_reply_hours": None}
    record = {
        **done,
        "reply_hours": _reply_hours(mentor_id=mentor_id),
        "response_rate": rates["response_rate"],
        "median_reply_hours": rates["median_reply_hours"],
    }
    cache.set(key, record, TRACK_RECORD_CACHE_SECONDS)
    return record


def mentor_trust_card(*, mentor: User) -> dict[str, Any]:
    """The mentor card of a task page: the profile comes with the task; the track record (two
    queries) is cached per mentor for TRACK_RECORD_CACHE_SECONDS."""
    profile = mentor.profile
    record = _track_record(mentor_id=mentor.pk)
    return {
        "handle": profile.handle,
        "display_name": profile.display_name,
        "avatar": profile.avatar.name if profile.avatar else "",
        "organisation": profile.organisation,
        "job_title": profile.job_title,
        "verified_work_domain": profile.verified_work_domain,
        "drafts_completed": record["drafts_completed"],
        "people_helped": record["people_helped"],
        "reply_hours": record["reply_hours"],
        "response_rate": record["response_rate"],
        "median_reply_hours": record["median_reply_hours"],
        "member_since": mentor.date_joined.date(),
    }
