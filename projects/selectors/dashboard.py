"""The signed-in person's home: their tasks, applications, engagements and next steps.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accounts.models import Profile, User
from projects.models import (
    Application,
    Engagement,
    Feedback,
    Introduction,
    Message,
    Task,
    ThankYouNote,
)
from projects.offers.models import Offer
from projects.prepared import (
    Slots,
    Statement,
    statement_compile,
    statement_dicts,
    statement_get,
    statement_union,
    statement_union_dicts,
)
from projects.selectors.conversations import message_unread_count
from projects.stipends.selectors import (
    payouts_waiting_for_setup,
    payouts_waiting_for_setup_query,
)
from projects.transitions import LIVE_ENGAGEMENT_STATES, PENDING_APPLICATION_STATES

# projects.offers.services.offers.OFFER_EXPIRY_DAYS (a selector may not import a service; the
# dashboard test pins the two together).
OFFER_CLOSES_AFTER_DAYS = 14

_TASK_SUMMARY = ("title", "state", "stipend_amount", "stipend_currency")
# Sections are at most this long (the page shows the newest).
_SECTION_LIMITS = {"tasks": 50, "to_review": 20, "engagements": 50, "applications": 50,
                   "introductions": 20, "offers": 40}  # fmt: skip
RECENTLY_COMPLETED_DAYS = 60


def _task_fields(prefix: str = "task") -> list[str]:
    return [f"{prefix}_id", *(f"{prefix}__{field}" for field in _TASK_SUMMARY)]


def _person_fields(prefix: str) -> list[str]:
    return [f"{prefix}_id", f"{prefix}__profile__handle", f"{prefix}__profile__display_name"]


def _task(row: dict[str, Any], prefix: str = "task") -> dict[str, Any]:
    """TaskSummarySerializer's JSON for a row."""
    return {"id": row[f"{prefix}_id"], **{f: row[f"{prefix}__{f}"] for f in _TASK_SUMMARY}}


def _person(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """PersonFromUserSerializer's JSON (`id`, `handle`, `display_name`) for a row."""
    return {
        "id": row[f"{prefix}_id"],
        "handle": row[f"{prefix}__profile__handle"],
        "display_name": row[f"{prefix}__profile__display_name"],
    }


def _build_statements() -> dict[str, Statement]:
    """Every section's query, built and compiled once (projects/prepared.py): compiling them
    was most of the request. The reviewer's and the drafter's applications share columns, so
    they are one statement (UNION ALL, each part keeping its order and limit)."""
    slots = Slots()
    me, since = slots.int("user"), slots.datetime("completed_since")
    pending, live, limit = PENDING_APPLICATION_STATES, LIVE_ENGAGEMENT_STATES, _SECTION_LIMITS
    tasks = (
        Task.objects.filter(mentor_id=me)
        .exclude(state=Task.State.ARCHIVED)
        .values("id", "title", "state", "slots", "filled_slots", "published_at")
        .annotate(
            applications_total=Count("applications"),
            applications_pending=Count("applications", filter=Q(applications__state__in=pending)),
        )
        .order_by("-id")[: limit["tasks"]]
    )
    # The task's mentor too: a drafter's row says whom it waits for ("to Hannah Kim").
    application_columns = (
        "id",
        "state",
        "created_at",
        *_task_fields(),
        *_person_fields("drafter"),
        *_person_fields("task__mentor"),
    )
    to_review = (
        Application.objects.filter(task__mentor_id=me, state__in=pending)
        .order_by("-id")
        .values(*application_columns)[: limit["to_review"]]
    )
    applications = (
        Application.objects.filter(drafter_id=me)
        .order_by("-id")
        .values(*application_columns)[: limit["applications"]]
    )
    engagements = (
        Engagement.objects.filter(Q(mentor_id=me) | Q(drafter_id=me))
        .filter(Q(state__in=live) | Q(completed_at__gte=since))
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
        )[: limit["engagements"]]
    )
    introductions = (
        Introduction.objects.filter(drafter_id=me, state=Introduction.State.PENDING)
        .order_by("-id")
        .values(
            "id",
            "state",
            "note",
            "created_at",
            *_task_fields(),
            *_person_fields("drafter"),
            *_person_fields("introducer"),
        )[: limit["introductions"]]
    )
    # Pending offers both ways in one query.
    offers = (
        Offer.objects.filter(Q(mentor_id=me) | Q(drafter_id=me))
        .filter(state=Offer.State.PENDING)
        .order_by("-id")
        .values(
            "id",
            "title",
            "state",
            "created_at",
            *_person_fields("mentor"),
            *_person_fields("drafter"),
        )[: limit["offers"]]
    )
    # The person's roles, unread messages (message_unread_count's rule) and payouts waiting for
    # setup in one statement.
    unread = (
        Message.objects.filter(recipient_id=OuterRef("user_id"), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    waiting = (
        payouts_waiting_for_setup_query(user=User(pk=me))
        .order_by()
        .values("drafter_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    person = Profile.objects.filter(user_id=me).values(
        "wants_to_mentor",
        "wants_to_draft",
        unread=Coalesce(Subquery(unread), 0),
        payouts_waiting=Coalesce(Subquery(waiting), 0),
    )
    sections = {
        "tasks": tasks,
        "engagements": engagements,
        "introductions": introductions,
        "offers": offers,
        "person": person,
    }
    compiled = {name: statement_compile(queryset, slots) for name, queryset in sections.items()}
    both = [statement_compile(q, slots, subquery=True) for q in (to_review, applications)]
    compiled["applications"] = statement_union(both)
    return compiled


def _statements() -> dict[str, Statement]:
    return statement_get(("dashboard", tuple(sorted(_SECTION_LIMITS.items()))), _build_statements)


def dashboard_for_user(*, user: User) -> dict[str, Any]:
    """Everything the signed-in person's home shows, as its JSON (the shape of
    DashboardSerializer, which documents it), in a fixed number of queries: six statements
    built once, plus feedback and thanks when a draft was completed recently."""
    statements = _statements()
    values = {
        "user": user.pk,
        "completed_since": timezone.now() - timedelta(days=RECENTLY_COMPLETED_DAYS),
    }
    my_tasks = [
        {
            "id": row["id"],
            "title": row["title"],
            "state": row["state"],
            "slots": row["slots"],
            "filled_slots": row["filled_slots"],
            "applications_total": row["applications_total"],
            "applications_pending": row["applications_pending"],
            "published_at": row["published_at"],
        }
        for row in statement_dicts(statements["tasks"], values)
    ]
    to_review: list[dict[str, Any]] = []
    my_applications: list[dict[str, Any]] = []
    for part, row in statement_union_dicts(statements["applications"], values):
        card = {
            "id": row["id"],
            "state": row["state"],
            "created_at": row["created_at"],
            "task": _task(row),
            "drafter": _person(row, "drafter"),
            "mentor": _person(row, "task__mentor"),
        }
        (to_review if part == 0 else my_applications).append(card)
    engagements = [
        {
            "id": row["id"],
            "state": row["state"],
            "task": _task(row),
            "mentor": _person(row, "mentor"),
            "drafter": _person(row, "drafter"),
            "application_id": row["application_id"],
            "started_at": row["started_at"],
            "delivered_at": row["delivered_at"],
            "completed_at": row["completed_at"],
            "cancelled_at": row["cancelled_at"],
        }
        for row in statement_dicts(statements["engagements"], values)
    ]
    introductions = [
        {
            "id": row["id"],
            "state": row["state"],
            "note": row["note"],
            "task": _task(row),
            "drafter": _person(row, "drafter"),
            "introducer": _person(row, "introducer"),
            "created_at": row["created_at"],
        }
        for row in statement_dicts(statements["introductions"], values)
    ]
    # Each pending offer closes by itself OFFER_CLOSES_AFTER_DAYS after it was made, and the
    # dashboard says when so nobody is surprised by it.
    pending_offers = [
        {
            "id": row["id"],
            "title": row["title"],
            "state": row["state"],
            "created_at": row["created_at"],
            "closes_at": row["created_at"] + timedelta(days=OFFER_CLOSES_AFTER_DAYS),
            "mentor": _person(row, "mentor"),
            "drafter": _person(row, "drafter"),
        }
        for row in statement_dicts(statements["offers"], values)
    ]
    offers_sent = [o for o in pending_offers if o["drafter"]["id"] == user.pk]
    offers_received = [o for o in pending_offers if o["mentor"]["id"] == user.pk]
    [person] = statement_dicts(statements["person"], values) or [_person_without_profile(user)]
    mentoring = [e for e in engagements if e["mentor"]["id"] == user.pk]
    drafting = [e for e in engagements if e["drafter"]["id"] == user.pk]
    completed_ids = [e["id"] for e in engagements if e["state"] == Engagement.State.COMPLETED]
    reviewed: set[int] = set()
    thanked: set[int] = set()
    if completed_ids:
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
    return {
        "roles": {
            "mentor": bool(my_tasks) or person["wants_to_mentor"],
            "drafter": bool(my_applications) or person["wants_to_draft"],
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
                payouts_waiting=person["payouts_waiting"],
            ),
        },
        "unread_messages": person["unread"],
    }


def _person_without_profile(user: User) -> dict[str, Any]:
    """A person whose profile row is missing (never in practice: sign-up makes it) reads as
    before: the profile's own error."""
    profile = user.profile
    return {
        "wants_to_mentor": profile.wants_to_mentor,
        "wants_to_draft": profile.wants_to_draft,
        "unread": message_unread_count(user=user),
        "payouts_waiting": len(payouts_waiting_for_setup(user=user)),
    }


def _name(person: dict[str, Any]) -> str:
    """projects.people.display_name for a person's JSON."""
    if person["handle"] is None:
        return "Someone"
    return str(person["display_name"] or person["handle"])


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
    payouts_waiting: int,
) -> list[dict[str, str]]:
    steps = []
    if payouts_waiting:
        count = payouts_waiting
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
