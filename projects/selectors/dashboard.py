"""The signed-in person's home: their tasks, applications, engagements and next steps.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    Q,
)
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accounts.models import User
from projects.models import (
    Application,
    Engagement,
    Feedback,
    Introduction,
    Task,
    ThankYouNote,
)
from projects.offers.models import Offer
from projects.selectors.conversations import message_unread_count
from projects.stipends.models import Payout
from projects.stipends.selectors import payouts_waiting_for_setup
from projects.transitions import LIVE_ENGAGEMENT_STATES, PENDING_APPLICATION_STATES

# projects.offers.services.offers.OFFER_EXPIRY_DAYS (a selector may not import a service; the
# dashboard test pins the two together).
OFFER_CLOSES_AFTER_DAYS = 14

_TASK_SUMMARY = ("title", "state", "stipend_amount", "stipend_currency")


def _task_fields(prefix: str = "task") -> list[str]:
    return [f"{prefix}_id", *(f"{prefix}__{field}" for field in _TASK_SUMMARY)]


def _person_fields(prefix: str) -> list[str]:
    return [f"{prefix}_id", f"{prefix}__profile__handle", f"{prefix}__profile__display_name"]


def _task(row: dict[str, Any], prefix: str = "task") -> dict[str, Any]:
    return {"id": row[f"{prefix}_id"], **{f: row[f"{prefix}__{f}"] for f in _TASK_SUMMARY}}


def _person(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A user as the serializers read one (`id`, `profile.handle`, `profile.display_name`)."""
    profile = {
        "handle": row[f"{prefix}__profile__handle"],
        "display_name": row[f"{prefix}__profile__display_name"],
    }
    return {"id": row[f"{prefix}_id"], "profile": profile}


def dashboard_for_user(*, user: User) -> dict[str, Any]:
    """Everything the signed-in person's home shows, in a fixed number of queries.

    Sections are values() rows nested as the dashboard serializers read them (dicts, not
    model instances): building instances with their joined profiles was most of the request."""
    pending = PENDING_APPLICATION_STATES
    live = LIVE_ENGAGEMENT_STATES
    my_tasks = list(
        Task.objects.filter(mentor=user)
        .exclude(state=Task.State.ARCHIVED)
        .values("id", "title", "state", "slots", "filled_slots", "published_at")
        .annotate(
            applications_total=Count("applications"),
            applications_pending=Count("applications", filter=Q(applications__state__in=pending)),
        )
        .order_by("-id")[:50]
    )
    to_review = [
        {**row, "task": _task(row), "drafter": _person(row, "drafter")}
        for row in Application.objects.filter(task__mentor=user, state__in=pending)
        .order_by("-id")
        .values("id", "state", "created_at", *_task_fields(), *_person_fields("drafter"))[:20]
    ]
    engagements = [
        {
            **row,
            "task": _task(row),
            "mentor": _person(row, "mentor"),
            "drafter": _person(row, "drafter"),
        }
        for row in Engagement.objects.filter(Q(mentor=user) | Q(drafter=user))
        .filter(Q(state__in=live) | Q(completed_at__gte=timezone.now() - timedelta(days=60)))
        .order_by("-id")
        .values(
            "id",
            "state",
            "application_id",
            "started_at",
            "delivered_at",
            "completed_at",
            "cancelled_at",
            *_task_fields(),
            *_person_fields("mentor"),
            *_person_fields("drafter"),
        )[:50]
    ]
    my_applications = [
        {**row, "task": _task(row), "drafter": _person(row, "drafter")}
        for row in Application.objects.filter(drafter=user)
        .order_by("-id")
        .values("id", "state", "created_at", *_task_fields(), *_person_fields("drafter"))[:50]
    ]
    introductions = [
        {
            **row,
            "task": _task(row),
            "drafter": _person(row, "drafter"),
            "introducer": _person(row, "introducer"),
        }
        for row in Introduction.objects.filter(drafter=user, state=Introduction.State.PENDING)
        .order_by("-id")
        .values(
            "id",
            "state",
            "note",
            "created_at",
            *_task_fields(),
            *_person_fields("drafter"),
            *_person_fields("introducer"),
        )[:20]
    ]
    # Pending offers both ways in one query; each closes by itself OFFER_CLOSES_AFTER_DAYS after it
    # was made, and the dashboard says when so nobody is surprised by it.
    pending_offers = [
        {
            **row,
            "closes_at": row["created_at"] + timedelta(days=OFFER_CLOSES_AFTER_DAYS),
            "mentor": _person(row, "mentor"),
            "drafter": _person(row, "drafter"),
        }
        for row in Offer.objects.filter(Q(mentor=user) | Q(drafter=user))
        .filter(state=Offer.State.PENDING)
        .order_by("-id")
        .values(
            "id",
            "title",
            "state",
            "created_at",
            *_person_fields("mentor"),
            *_person_fields("drafter"),
        )[:40]
    ]
    offers_sent = [o for o in pending_offers if o["drafter"]["id"] == user.pk]
    offers_received = [o for o in pending_offers if o["mentor"]["id"] == user.pk]
    unread = message_unread_count(user=user)
    mentoring = [e for e in engagements if e["mentor"]["id"] == user.pk]
    drafting = [e for e in engagements if e["drafter"]["id"] == user.pk]
    completed_ids = [e["id"] for e in engagements if e["state"] == Engagement.State.COMPLETED]
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
            "offers": offers_received,
        },
        "drafter": {
            "applications": my_applications,
            "engagements": drafting,
            "introductions": introductions,
            "offers": offers_sent,
            "next_steps": _next_steps(
                applications=my_applications,
                drafting=drafting,
                mentoring=mentoring,
                to_review=to_review,
                offers_received=offers_received,
                has_offers=bool(pending_offers),
                has_tasks=bool(my_tasks),
                unfinished_thanks=[
                    e
                    for e in engagements
                    if e["id"] in completed_ids and not {e["id"]} <= reviewed & thanked
                ],
                payouts_waiting=payouts_waiting_for_setup(user=user),
            ),
        },
        "unread_messages": unread,
    }


def _name(person: dict[str, Any]) -> str:
    """projects.people.display_name for a person row."""
    profile = person["profile"]
    if profile["handle"] is None:
        return "Someone"
    return str(profile["display_name"] or profile["handle"])


def _next_steps(
    *,
    applications: list[dict[str, Any]],
    drafting: list[dict[str, Any]],
    mentoring: list[dict[str, Any]],
    to_review: list[dict[str, Any]],
    offers_received: list[dict[str, Any]],
    has_offers: bool,
    has_tasks: bool,
    unfinished_thanks: list[dict[str, Any]],
    payouts_waiting: list[Payout],
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
                "text": f"Review {_name(application['drafter'])}'s application to "
                f"“{application['task']['title']}”.",
                "url": f"/applications/{application['id']}/",
            }
        )
    for offer in offers_received:
        closes = date_format(timezone.localtime(offer["closes_at"]), settings.DATE_FORMAT)
        steps.append(
            {
                "text": f"Answer {_name(offer['drafter'])}'s offer by {closes}.",
                "url": f"/offers/{offer['id']}/",
            }
        )
    for engagement in mentoring:
        if engagement["state"] == Engagement.State.AWAITING_FUNDING:
            steps.append(
                {
                    "text": f"Fund the stipend for “{engagement['task']['title']}”.",
                    "url": f"/engagements/{engagement['id']}/",
                }
            )
        elif engagement["state"] == Engagement.State.DELIVERED:
            steps.append(
                {
                    "text": f"Review the work delivered on “{engagement['task']['title']}”.",
                    "url": f"/engagements/{engagement['id']}/",
                }
            )
    for engagement in drafting:
        if engagement["state"] == Engagement.State.ACTIVE:
            steps.append(
                {
                    "text": f"Deliver your work on “{engagement['task']['title']}”.",
                    "url": f"/engagements/{engagement['id']}/",
                }
            )
        elif engagement["state"] == Engagement.State.AWAITING_FUNDING:
            steps.append(
                {
                    "text": f"“{engagement['task']['title']}” starts once the mentor funds "
                    "the stipend.",
                    "url": f"/engagements/{engagement['id']}/",
                }
            )
    for engagement in unfinished_thanks:
        steps.append(
            {
                "text": f"Leave feedback and say thanks for “{engagement['task']['title']}”.",
                "url": f"/engagements/{engagement['id']}/#feedback",
            }
        )
    if not applications and not drafting and not has_tasks and not has_offers:
        steps.append({"text": "Browse open tasks and offer to help with one.", "url": "/tasks/"})
        steps.append({"text": "Have overflow work? Post a task.", "url": "/tasks/new/"})
    return steps
