"""Accepting an offer: atomically, a private task filled by the offering drafter, and its
engagement — through the same task and application services every other draft uses, so slots,
the engagement, its stipend, the audit trail and the notifications follow the one path."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.notifications import notification_send
from marketplace.errors import NotFound, field_error
from projects import locks
from projects.models import Task
from projects.offers import error_codes as codes
from projects.offers.models import Offer
from projects.people import display_name
from projects.services.applications import application_accept, application_create_on_task
from projects.services.tasks import task_create, task_publish
from projects.transitions import transition_require

# Read by both sides ("You also gain" / "The helper also gains"), so it names no one as "you".
DEFAULT_WHAT_YOU_GAIN = (
    "Verified experience on Slipstream, confirmed by {mentor}, for the offered work."
)


def offer_accept(
    *,
    offer_id: int,
    mentor: User,
    stipend_amount: int | None = None,
    stipend_currency: str = "usd",
    what_you_gain: str = "",
    deadline: datetime.date | None = None,
) -> Offer:
    """pending -> accepted. With a stipend, the engagement waits in `awaiting_funding` and is
    funded exactly as any other paid draft; without one it starts `active`."""
    with transaction.atomic():
        offer = locks.offer_lock(offer_id=offer_id, mentor=mentor)
        if offer is None:
            raise NotFound("Offer not found.")
        transition_require(offer, "accept")
        deadline = deadline or offer.by_when
        if deadline < timezone.localdate():
            raise field_error(
                "The offer's date has passed; choose a new deadline with the drafter.",
                code=codes.OFFER_INVALID,
                field="deadline",
            )
        task = task_create(
            mentor=mentor,
            data={
                "title": offer.title,
                "description": offer.what,
                "estimated_hours": offer.estimated_hours,
                "deadline": deadline,
                "slots": 1,
                "stipend_amount": stipend_amount or None,
                "stipend_currency": stipend_currency,
                "what_you_gain": what_you_gain.strip()
                or DEFAULT_WHAT_YOU_GAIN.format(mentor=display_name(mentor)),
                "visibility": Task.Visibility.PRIVATE,
            },
            skill_ids=list(offer.skills.values_list("pk", flat=True)),
        )
        task_publish(task_id=task.pk, mentor=mentor)
        locked = locks.task_lock(task_id=task.pk)
        assert locked is not None  # created just above, in this transaction
        application = application_create_on_task(
            task=locked,
            drafter=offer.drafter,
            note=offer.what,
            work_sample_link=offer.work_sample_link,
            portfolio_item_ids=list(offer.portfolio_items.values_list("pk", flat=True)),
        )
        engagement = application_accept(application_id=application.pk, mentor=mentor, notify=False)
        offer.state = Offer.State.ACCEPTED
        offer.responded_at = timezone.now()
        offer.task, offer.engagement = task, engagement
        offer.save(update_fields=["state", "responded_at", "task", "engagement", "updated_at"])
        paid = task.is_paid
        notification_send(
            recipient=offer.drafter,
            kind="offer_accepted",
            title=f"{display_name(mentor)} accepted your offer “{offer.title}”",
            body=(
                "You are drafting for them. Work starts once they fund the stipend."
                if paid
                else "You are drafting for them. Say hello and get started."
            ),
            url=f"/engagements/{engagement.pk}/",
        )
    return offer
