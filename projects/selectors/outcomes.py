"""Relationship outcomes counted on profiles (and for career offices, with consent)."""

from typing import Any

from django.db.models import Count, Q

from accounts.models import Profile, User
from marketplace.errors import NotFound
from projects.models import Engagement, Introduction, ReportBack
from projects.selectors.engagements import engagement_get_for_participant

OUTCOME_LABELS: dict[str, str] = {
    ReportBack.Outcome.INTRODUCTION: "led to introductions",
    ReportBack.Outcome.REFERRAL: "led to referrals",
    ReportBack.Outcome.REPEAT_WORK: "led to repeat work",
    ReportBack.Outcome.JOB_OFFER: "led to a job or internship offer",
}


def outcome_counts_for_drafters(*, user_ids: list[int]) -> dict[int, dict[str, int]]:
    """For each drafter: how many of their completed drafts led to each outcome (a draft counts
    once per outcome whoever reported it). Careers reports can call this for consenting
    students. Two queries."""
    rows = ReportBack.objects.filter(
        engagement__drafter_id__in=user_ids, engagement__state=Engagement.State.COMPLETED
    ).values("engagement_id", "engagement__drafter_id", "outcomes")
    seen: dict[int, dict[str, set[int]]] = {uid: {} for uid in user_ids}
    for row in rows:
        for outcome in row["outcomes"]:
            seen[row["engagement__drafter_id"]].setdefault(outcome, set()).add(row["engagement_id"])
    return {
        uid: {outcome: len(seen[uid].get(outcome, ())) for outcome in ReportBack.Outcome.values}
        for uid in user_ids
    }


def profile_outcomes(*, handle: str) -> dict[str, Any]:
    """Public counts on a profile: drafts by outcome ("3 drafts led to introductions"), people
    helped as a mentor, introductions made."""
    profile = Profile.objects.filter(handle=handle, deleted_at__isnull=True).first()
    if profile is None:
        raise NotFound("Profile not found.")
    uid = profile.user_id
    counts = outcome_counts_for_drafters(user_ids=[uid])[uid]
    mentored = Engagement.objects.filter(mentor_id=uid, state=Engagement.State.COMPLETED).aggregate(
        helped=Count("drafter_id", distinct=True)
    )
    introductions = Introduction.objects.filter(
        Q(introducer_id=uid), state=Introduction.State.ACCEPTED
    ).count()
    lines = [
        f"{n} draft{'s' if n > 1 else ''} {OUTCOME_LABELS[outcome]}"
        for outcome, n in counts.items()
        if n
    ]
    return {
        "outcomes": counts,
        "lines": lines,
        "helped": mentored["helped"],
        "introductions_made": introductions,
    }


def report_back_list_for_participant(*, engagement_id: int, user: User) -> list[ReportBack]:
    """Both sides' report-backs on an engagement, for its mentor or drafter; anyone else gets
    NotFound (as for the engagement itself: a 404 never says it exists)."""
    engagement_get_for_participant(engagement_id=engagement_id, user=user)
    return list(
        ReportBack.objects.filter(
            Q(engagement__mentor=user) | Q(engagement__drafter=user), engagement_id=engagement_id
        ).order_by("id")
    )
