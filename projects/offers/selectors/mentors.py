"""Mentors open to offers, as public cards: who they are, what they welcome offers on, how
reliably they answer, and how many offers they still take this month — never an e-mail."""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from projects.models import Application
from projects.offers.models import Offer, OfferSettings
from projects.offers.services.offers import COUNTED_STATES, OFFER_EXPIRY_DAYS, month_bounds
from projects.selectors.tasks import skill_ids_for_browse

REPLY_WINDOW_DAYS = 90
REPLY_WITHIN = datetime.timedelta(days=OFFER_EXPIRY_DAYS)
# Fewer applications and offers than this that were due an answer: no rate (too few to say).
REPLY_RATE_MIN_DUE = 5
Q_MAX_LENGTH = 100

_ANSWERED_APPLICATION = (
    Application.State.SHORTLISTED,
    Application.State.ACCEPTED,
    Application.State.DECLINED,
)
_ANSWERED_OFFER = (Offer.State.ACCEPTED, Offer.State.DECLINED)


def mentor_list_for_offers(*, skills: list[str], q: str, handle: str = "") -> QuerySet:
    """Open settings of active mentors, newest first, as values() rows for the page; cards are
    completed by mentor_rows_attach_cards (a fixed number of queries per page). `handle` asks
    about one mentor (a profile page's "Offer to help" button)."""
    qs = OfferSettings.objects.filter(
        is_open=True, mentor__is_active=True, mentor__profile__deleted_at__isnull=True
    )
    if handle:
        qs = qs.filter(mentor__profile__handle=handle)
    if skills:
        qs = qs.filter(topics__in=skill_ids_for_browse(values=skills)).distinct()
    if q := q.strip()[:Q_MAX_LENGTH]:
        qs = qs.filter(
            Q(mentor__profile__display_name__icontains=q)
            | Q(mentor__profile__handle__icontains=q)
            | Q(mentor__profile__headline__icontains=q)
            | Q(mentor__profile__organisation__icontains=q)
            | Q(topics__name__icontains=q)
        ).distinct()
    return qs.values(
        "id",
        "mentor_id",
        "monthly_cap",
        "note",
        handle=F("mentor__profile__handle"),
        display_name=F("mentor__profile__display_name"),
        headline=F("mentor__profile__headline"),
        organisation=F("mentor__profile__organisation"),
        job_title=F("mentor__profile__job_title"),
        verified_work_domain=F("mentor__profile__verified_work_domain"),
    )


def mentor_reply_rates(*, mentor_ids: list[int], now: datetime.datetime) -> dict[int, float]:
    """Share of applications and offers answered within 14 days, over those received in the last
    90 days that were due an answer (answered, or waiting 14 days or more; withdrawn ones are
    left out). A mentor with fewer than REPLY_RATE_MIN_DUE has no rate. Two queries."""
    since, due_by = now - datetime.timedelta(days=REPLY_WINDOW_DAYS), now - REPLY_WITHIN
    due: dict[int, int] = defaultdict(int)
    answered: dict[int, int] = defaultdict(int)
    applications = (
        Application.objects.filter(task__mentor_id__in=mentor_ids, created_at__gte=since)
        .exclude(state=Application.State.WITHDRAWN)
        .values("task__mentor_id")
        .annotate(
            due=Count("id", filter=Q(state__in=_ANSWERED_APPLICATION) | Q(created_at__lte=due_by)),
            answered=Count(
                "id",
                filter=Q(
                    state__in=_ANSWERED_APPLICATION,
                    updated_at__lt=F("created_at") + REPLY_WITHIN,
                ),
            ),
        )
    )
    for row in applications:
        due[row["task__mentor_id"]] += row["due"]
        answered[row["task__mentor_id"]] += row["answered"]
    offers = (
        Offer.objects.filter(mentor_id__in=mentor_ids, created_at__gte=since)
        .exclude(state=Offer.State.WITHDRAWN)
        .values("mentor_id")
        .annotate(
            due=Count("id", filter=Q(state__in=_ANSWERED_OFFER) | Q(created_at__lte=due_by)),
            answered=Count(
                "id",
                filter=Q(
                    state__in=_ANSWERED_OFFER, responded_at__lt=F("created_at") + REPLY_WITHIN
                ),
            ),
        )
    )
    for offer_row in offers:
        due[offer_row["mentor_id"]] += offer_row["due"]
        answered[offer_row["mentor_id"]] += offer_row["answered"]
    return {
        mentor_id: round(answered[mentor_id] / count, 2)
        for mentor_id, count in due.items()
        if count >= REPLY_RATE_MIN_DUE
    }


def mentor_rows_attach_cards(
    *, rows: list[dict[str, Any]], now: datetime.datetime | None = None
) -> list[dict[str, Any]]:
    """Add `topics`, `reply_rate` and `offers_left_this_month` to a page of mentor rows: four
    queries for the page, however many mentors it holds."""
    now = now or timezone.now()
    mentor_ids = [row["mentor_id"] for row in rows]
    if not rows:
        return rows
    topics: dict[int, list[dict[str, Any]]] = defaultdict(list)
    links = (
        OfferSettings.topics.through.objects.filter(
            offersettings_id__in=[row["id"] for row in rows]
        )
        .order_by("skill__name")
        .values("offersettings_id", "skill_id", "skill__slug", "skill__name")
    )
    for link in links:
        topics[link["offersettings_id"]].append(
            {"id": link["skill_id"], "slug": link["skill__slug"], "name": link["skill__name"]}
        )
    start, reopens = month_bounds(now)
    used = dict(
        Offer.objects.filter(
            mentor_id__in=mentor_ids, created_at__gte=start, state__in=COUNTED_STATES
        )
        .values("mentor_id")
        .annotate(n=Count("id"))
        .values_list("mentor_id", "n")
    )
    rates = mentor_reply_rates(mentor_ids=mentor_ids, now=now)
    for row in rows:
        left = max(0, row["monthly_cap"] - used.get(row["mentor_id"], 0))
        row.update(
            topics=topics[row["id"]],
            reply_rate=rates.get(row["mentor_id"]),
            offers_left_this_month=left,
            opens_again_on=reopens if left == 0 else None,
        )
    return rows
