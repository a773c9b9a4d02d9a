"""What a public profile shows of drafting: verified experience, thanks, people helped.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db.models import (
    Prefetch,
)
from django.utils import timezone

from accounts.models import Profile, User
from marketplace.errors import NotFound
from projects.circles.selectors.circles import circles_for_profile
from projects.feedback_rules import FEEDBACK_BLIND_PERIOD
from projects.models import (
    Deliverable,
    Engagement,
    Feedback,
    Introduction,
    Task,
    ThankYouNote,
)
from projects.people import display_name
from projects.selectors.impact import pay_it_forward_public
from projects.selectors.showable import public_title, showing_public


def profile_experience(*, handle: str) -> dict[str, Any]:
    """What a public profile shows about drafting: completed engagements confirmed by the
    mentor (with the endorsement once feedback is unblinded), thanks the receiver chose to
    show, and how many people a mentor has helped."""
    profile = Profile.objects.select_related("user").filter(handle=handle).first()
    if profile is None or not profile.user.is_active:
        raise NotFound("Profile not found.")
    user = profile.user
    completed = list(
        Engagement.objects.filter(drafter=user, state=Engagement.State.COMPLETED)
        .select_related("task", "mentor__profile")
        .prefetch_related(
            "task__skills",
            Prefetch(
                "feedback",
                queryset=Feedback.objects.prefetch_related("endorsed_skills"),
            ),
            Prefetch("deliverables", queryset=Deliverable.objects.order_by("id")),
        )
        .order_by("-completed_at", "-id")
    )
    task_ids = [e.task_id for e in completed]
    introducers: dict[int, list[dict[str, str]]] = defaultdict(list)
    for intro in Introduction.objects.filter(
        drafter=user, task_id__in=task_ids, state=Introduction.State.ACCEPTED
    ).select_related("introducer__profile"):
        introducers[intro.task_id].append(
            {
                "handle": intro.introducer.profile.handle,
                "display_name": intro.introducer.profile.display_name,
            }
        )
    now = timezone.now()
    today = timezone.localdate(now)
    experience = []
    for engagement in completed:
        endorsement = _endorsement(engagement, now=now)
        experience.append(
            {
                "engagement_id": engagement.pk,
                "task_title": public_title(engagement),
                "showing": showing_public(engagement, today=today),
                "mentor": {
                    "handle": engagement.mentor.profile.handle,
                    "display_name": engagement.mentor.profile.display_name,
                },
                "skills": [s.name for s in engagement.task.skills.all()],
                "started_at": engagement.started_at,
                "completed_at": engagement.completed_at,
                "endorsement": endorsement,
                "introduced_by": introducers.get(engagement.task_id, []),
                "share_url": f"/experience/{engagement.pk}/",
            }
        )
    thanks = [
        {
            "id": note.pk,
            "body": note.body,
            "task_title": note.engagement.task.title,
            "sender": {
                "handle": note.sender.profile.handle,
                "display_name": note.sender.profile.display_name,
            },
            "created_at": note.created_at,
        }
        for note in ThankYouNote.objects.filter(receiver=user, shown_on_profile=True)
        .select_related("engagement__task", "sender__profile")
        .order_by("-id")[:50]
    ]
    helped = (
        Engagement.objects.filter(mentor=user, state=Engagement.State.COMPLETED)
        .values("drafter_id")
        .distinct()
        .count()
    )
    open_tasks = list(
        Task.objects.filter(mentor=user, state=Task.State.OPEN, visibility=Task.Visibility.PUBLIC)
        .order_by("-published_at", "-id")
        .values("id", "title", "published_at")[:20]
    )
    introductions_made = Introduction.objects.filter(
        introducer=user, state=Introduction.State.ACCEPTED
    ).count()
    return {
        "verified_experience": experience,
        "thanks": thanks,
        "helped_count": helped,
        "open_tasks": open_tasks,
        "introductions_made": introductions_made,
        "pay_it_forward": pay_it_forward_public(mentor_id=user.pk),
        **circles_for_profile(user=user),
    }


def experience_get_public(*, engagement_id: int) -> dict[str, Any]:
    """One verified experience as its own public page: a completed draft of an active drafter,
    with the mentor's endorsement once feedback is unblinded. Anything else is not found."""
    engagement = (
        Engagement.objects.filter(
            pk=engagement_id, state=Engagement.State.COMPLETED, drafter__is_active=True
        )
        .select_related("task", "mentor__profile", "drafter__profile")
        .prefetch_related(
            "task__skills",
            Prefetch("feedback", queryset=Feedback.objects.prefetch_related("endorsed_skills")),
            Prefetch("deliverables", queryset=Deliverable.objects.order_by("id")),
        )
        .first()
    )
    if engagement is None:
        raise NotFound("Experience not found.")
    now = timezone.now()
    endorsement = _endorsement(engagement, now=now)
    return {
        "engagement_id": engagement.pk,
        "task_title": public_title(engagement),
        "estimated_hours": engagement.task.estimated_hours,
        "showing": showing_public(engagement, today=timezone.localdate(now)),
        "mentor": _person(engagement.mentor),
        # A visitor's reason to trust the confirmer: the domain of a work address the mentor
        # confirmed (never the address), shown only for someone who mentors.
        "mentor_verified_work_domain": (
            engagement.mentor.profile.verified_work_domain
            if engagement.mentor.profile.wants_to_mentor
            else ""
        ),
        "drafter": _person(engagement.drafter),
        "started_at": engagement.started_at,
        "completed_at": engagement.completed_at,
        "skills": [s.name for s in engagement.task.skills.all()],
        "endorsement": endorsement,
    }


def _person(user: User) -> dict[str, str]:
    return {"handle": user.profile.handle, "display_name": display_name(user)}


def _endorsement(engagement: Engagement, *, now: datetime) -> dict[str, Any] | None:
    """The mentor's endorsement of a completed draft, once feedback is no longer blind (both
    wrote, or the blind period passed); feedback and its skills must be prefetched."""
    feedback = list(engagement.feedback.all())
    unblinded = len(feedback) == 2 or (
        engagement.completed_at is not None
        and now >= engagement.completed_at + FEEDBACK_BLIND_PERIOD
    )
    mentor_fb = next((f for f in feedback if f.author_id == engagement.mentor_id), None)
    if mentor_fb is None or not unblinded:
        return None
    return {
        "text": mentor_fb.endorsement,
        "skills": [s.name for s in mentor_fb.endorsed_skills.all()],
    }
