"""Offers and offer settings as their people see them. "Fetch and authorise in one step": an
offer that is missing and one that is not yours are both NotFound."""

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import PortfolioItem, User, UserSkill
from marketplace.errors import NotFound, field_error
from projects.models import Engagement
from projects.offers import error_codes as codes
from projects.offers.models import Offer, OfferSettings

BOXES = ("sent", "received")


def offer_settings_for_mentor(*, mentor: User) -> dict[str, Any]:
    """A mentor's settings, or the defaults (closed, 3 a month) before they first save them."""
    found = OfferSettings.objects.filter(mentor=mentor).prefetch_related("topics").first()
    if found is None:
        found = OfferSettings(mentor=mentor)
        topics: list = []
    else:
        topics = list(found.topics.all())
    return {
        "is_open": found.is_open,
        "monthly_cap": found.monthly_cap,
        "note": found.note,
        "topics": [{"id": t.pk, "slug": t.slug, "name": t.name} for t in topics],
    }


def _offer_qs() -> QuerySet:
    """Offers with everything their output shows loaded in bulk: the evidence, the skills and,
    for the mentor's card of the drafter, the drafter's skills (by name) and how many
    verified experiences (completed drafts) they have, so a page of offers is a fixed number
    of queries."""
    verified = (
        Engagement.objects.filter(drafter=OuterRef("drafter"), state=Engagement.State.COMPLETED)
        .order_by()
        .values("drafter")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Offer.objects.select_related("mentor__profile", "drafter__profile")
        .annotate(
            drafter_verified_count=Coalesce(
                Subquery(verified, output_field=IntegerField()), 0, output_field=IntegerField()
            )
        )
        .prefetch_related(
            Prefetch(
                "portfolio_items",
                queryset=PortfolioItem.objects.order_by("position", "id").only(
                    "id", "title", "description", "link", "file_name"
                ),
            ),
            "skills",
            Prefetch(
                "drafter__user_skills",
                queryset=UserSkill.objects.select_related("skill").order_by("skill__name"),
            ),
        )
    )


def offer_get_for_participant(*, offer_id: int, user: User) -> Offer:
    offer = _offer_qs().filter(Q(mentor=user) | Q(drafter=user), pk=offer_id).first()
    if offer is None:
        raise NotFound("Offer not found.")
    return offer


def offer_list_for_user(*, user: User, box: str = "", task: str = "") -> QuerySet:
    """Offers the person sent (`sent`), received (`received`), or both (no box), newest first;
    with `task`, only the offer that task was made from (the private task's page asks)."""
    if box and box not in BOXES:
        raise field_error("Choose sent or received.", code=codes.OFFER_INVALID, field="box")
    if task and not (task.isascii() and task.isdigit() and len(task) <= 18):
        raise field_error("Give a task's id.", code=codes.OFFER_INVALID, field="task")
    if box == "sent":
        mine = Q(drafter=user)
    elif box == "received":
        mine = Q(mentor=user)
    else:
        mine = Q(drafter=user) | Q(mentor=user)
    if task:
        mine &= Q(task_id=int(task))
    return _offer_qs().filter(mine)
