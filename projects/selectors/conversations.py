"""Message threads of applications, engagements and offers, for their two people.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from accounts.models import User
from marketplace.errors import NotFound
from projects.models import Application, Engagement, Message
from projects.offers.models import Offer
from projects.selectors.applications import application_get_for_participant


def message_list_for_thread(
    *,
    user: User,
    application_id: int | None = None,
    engagement_id: int | None = None,
    offer_id: int | None = None,
) -> QuerySet[Message]:
    """A thread's messages, only for its two people (anyone else: NotFound)."""
    if application_id is not None:
        application_get_for_participant(application_id=application_id, user=user)
        thread = {"application_id": application_id}
    elif offer_id is not None:
        if not Offer.objects.filter(Q(mentor=user) | Q(drafter=user), pk=offer_id).exists():
            raise NotFound("Offer not found.")
        thread = {"offer_id": offer_id}
    else:
        return Message.objects.filter(
            engagement_conversation_q(engagement_id=engagement_id, user=user)
        ).select_related("sender__profile")
    return Message.objects.filter(**thread).select_related("sender__profile")


def engagement_conversation_q(*, engagement_id: int | None, user: User) -> Q:
    """The messages of an engagement's conversation, for its two people (anyone else: NotFound).

    One piece of work has one conversation: what its two people said on the offer it was made
    from and on its application, before it began, then on the engagement itself. One query."""
    origin = (
        Engagement.objects.filter(Q(mentor=user) | Q(drafter=user), pk=engagement_id)
        .values_list("application_id", "offer__id")
        .first()
        if engagement_id is not None
        else None
    )
    if origin is None:
        raise NotFound("Engagement not found.")
    application_id, offer_id = origin
    conversation = Q(engagement_id=engagement_id) | Q(application_id=application_id)
    return conversation | Q(offer_id=offer_id) if offer_id is not None else conversation


def message_unread_count(*, user: User) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


THREADS_SHOWN = 100


def thread_list_for_user(*, user: User) -> dict[str, Any]:
    """The person's message inbox: every thread they write in, newest activity first, with the
    unread count of each — five queries whatever the number of threads."""
    mine = Q(sender=user) | Q(recipient=user)
    threads = list(
        Message.objects.filter(mine)
        .values("application_id", "engagement_id", "offer_id")
        .annotate(
            last_at=Max("created_at"),
            last_id=Max("id"),
            unread=Count("id", filter=Q(recipient=user, read_at__isnull=True)),
        )
        .order_by("-last_at")[:THREADS_SHOWN]
    )
    bodies = dict(
        Message.objects.filter(id__in=[t["last_id"] for t in threads]).values_list("id", "body")
    )
    applications = Application.objects.select_related(
        "task__mentor__profile", "drafter__profile", "engagement"
    ).in_bulk([t["application_id"] for t in threads if t["application_id"]])
    offers = Offer.objects.select_related("mentor__profile", "drafter__profile").in_bulk(
        [t["offer_id"] for t in threads if t["offer_id"]]
    )
    # One piece of work, one thread: an offer's or an application's messages that became an
    # engagement are listed under that engagement (whose page shows them all).
    work: list[int | None] = []  # each thread's engagement, if it is one or became one
    for thread in threads:
        if thread["application_id"]:
            became = getattr(applications[thread["application_id"]], "engagement", None)
            work.append(became.pk if became is not None else None)
        elif thread["offer_id"]:
            work.append(offers[thread["offer_id"]].engagement_id)
        else:
            work.append(thread["engagement_id"])
    engagements = Engagement.objects.select_related(
        "task", "mentor__profile", "drafter__profile"
    ).in_bulk([engagement_id for engagement_id in work if engagement_id])
    merged: dict[tuple[str, int], dict[str, Any]] = {}
    # Newest activity first, so a piece of work's first row leads.
    for thread, engagement_id in zip(threads, work, strict=True):
        obj: Application | Engagement | Offer
        if engagement_id:
            kind, obj = "engagement", engagements[engagement_id]
            mentor, drafter, title = obj.mentor, obj.drafter, obj.task.title
        elif thread["application_id"]:
            kind, obj = "application", applications[thread["application_id"]]
            mentor, drafter, title = obj.task.mentor, obj.drafter, obj.task.title
        else:
            kind, obj = "offer", offers[thread["offer_id"]]
            mentor, drafter, title = obj.mentor, obj.drafter, obj.title
        if (kind, obj.pk) in merged:
            merged[(kind, obj.pk)]["unread_count"] += thread["unread"]
            continue
        other = drafter if user.pk == mentor.pk else mentor
        merged[(kind, obj.pk)] = {
            "kind": kind,
            "id": obj.pk,
            "task_title": title,
            "other": {
                "handle": other.profile.handle,
                "display_name": other.profile.display_name,
            },
            "last_message_at": thread["last_at"],
            "last_message_excerpt": bodies.get(thread["last_id"], "")[:140],
            "unread_count": thread["unread"],
            "url": f"/{kind}s/{obj.pk}/",
        }
    return {"results": list(merged.values()), "unread_total": message_unread_count(user=user)}
