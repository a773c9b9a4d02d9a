"""The signed-in person's home: their tasks, applications, engagements and next steps.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    Q,
)
from django.utils import timezone

from accounts.models import User
from projects.models import (
    Application,
    Engagement,
    Feedback,
    Introduction,
    Task,
    ThankYouNote,
)
from projects.people import display_name
from projects.selectors.conversations import message_unread_count
from projects.selectors.engagements import engagement_qs
from projects.stipends.selectors import payouts_waiting_for_setup
from projects.transitions import LIVE_ENGAGEMENT_STATES, PENDING_APPLICATION_STATES


def dashboard_for_user(*, user: User) -> dict[str, Any]:
    """Everything the signed-in person's home shows, in a fixed number of queries."""
    pending = PENDING_APPLICATION_STATES
    live = LIVE_ENGAGEMENT_STATES
    my_tasks = list(
        Task.objects.filter(mentor=user)
        .exclude(state=Task.State.ARCHIVED)
        .annotate(
            applications_total=Count("applications"),
            applications_pending=Count("applications", filter=Q(applications__state__in=pending)),
        )
        .order_by("-id")[:50]
    )
    to_review = list(
        Application.objects.filter(task__mentor=user, state__in=pending)
        .select_related("task", "drafter__profile")
        .order_by("-id")[:20]
    )
    engagements = list(
        engagement_qs()
        .filter(Q(mentor=user) | Q(drafter=user))
        .filter(Q(state__in=live) | Q(completed_at__gte=timezone.now() - timedelta(days=60)))
        .order_by("-id")[:50]
    )
    my_applications = list(
        Application.objects.filter(drafter=user)
        # The card names the drafter too: without drafter__profile, two queries per row.
        .select_related("task", "task__mentor__profile", "drafter__profile")
        .order_by("-id")[:50]
    )
    introductions = list(
        Introduction.objects.filter(drafter=user, state=Introduction.State.PENDING)
        .select_related("task", "introducer__profile", "drafter__profile")
        .order_by("-id")[:20]
    )
    unread = message_unread_count(user=user)
    mentoring = [e for e in engagements if e.mentor_id == user.pk]
    drafting = [e for e in engagements if e.drafter_id == user.pk]
    completed_ids = [e.pk for e in engagements if e.state == Engagement.State.COMPLETED]
    reviewed = set(
        Feedback.objects.filter(author=user, engagement_id__in=completed_ids).values_list(
            "engagement_id", flat=True
        )
    )
    thanked = set(
        ThankYouNote.objects.filter(sender=user, engagement_id__in=completed_ids).values_list(
            "engagement_id", flat=True
        )
    )
    profile = user.profile
    return {
        "roles": {
            "mentor": bool(my_tasks) or profile.wants_to_mentor,
            "drafter": bool(my_applications) or profile.wants_to_draft,
        },
        "mentor": {
            "tasks": my_tasks,
            "applications_to_review": to_review,
            "engagements": mentoring,
        },
        "drafter": {
            "applications": my_applications,
            "engagements": drafting,
            "introductions": introductions,
            "next_steps": _next_steps(
                applications=my_applications,
                drafting=drafting,
                mentoring=mentoring,
                to_review=to_review,
                has_tasks=bool(my_tasks),
                unfinished_thanks=[
                    e
                    for e in engagements
                    if e.pk in completed_ids and not {e.pk} <= reviewed & thanked
                ],
                payouts_waiting=payouts_waiting_for_setup(user=user),
            ),
        },
        "unread_messages": unread,
    }


def _next_steps(
    *,
    applications: list[Application],
    drafting: list[Engagement],
    mentoring: list[Engagement],
    to_review: list[Application],
    has_tasks: bool,
    unfinished_thanks: list[Engagement],
    payouts_waiting: list,
) -> list[dict[str, str]]:
    steps = []
    if payouts_waiting:
        count = len(payouts_waiting)
        steps.append(
            {
                "text": f"Set up payouts to receive {count} approved stipend"
                f"{'s' if count != 1 else ''}.",
                "url": "/settings/payouts/",
            }
        )
    for application in to_review[:3]:
        steps.append(
            {
                "text": f"Review {display_name(application.drafter)}'s application to "
                f"“{application.task.title}”.",
                "url": f"/applications/{application.pk}/",
            }
        )
    for engagement in mentoring:
        if engagement.state == Engagement.State.DELIVERED:
            steps.append(
                {
                    "text": f"Review the work delivered on “{engagement.task.title}”.",
                    "url": f"/engagements/{engagement.pk}/",
                }
            )
    for engagement in drafting:
        if engagement.state == Engagement.State.ACTIVE:
            steps.append(
                {
                    "text": f"Deliver your work on “{engagement.task.title}”.",
                    "url": f"/engagements/{engagement.pk}/",
                }
            )
        elif engagement.state == Engagement.State.AWAITING_FUNDING:
            steps.append(
                {
                    "text": f"“{engagement.task.title}” starts once the mentor funds the stipend.",
                    "url": f"/engagements/{engagement.pk}/",
                }
            )
    for engagement in unfinished_thanks:
        steps.append(
            {
                "text": f"Leave feedback and say thanks for “{engagement.task.title}”.",
                "url": f"/engagements/{engagement.pk}/#feedback",
            }
        )
    if not applications and not drafting and not has_tasks:
        steps.append({"text": "Browse open tasks and offer to help with one.", "url": "/tasks/"})
        steps.append({"text": "Have overflow work? Post a task.", "url": "/tasks/new/"})
    return steps
