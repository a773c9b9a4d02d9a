"""Mentors a drafter could offer to, best first: open to offers, with places left this month,
ranked by how well the topics they welcome meet what the drafter brings.

A mentor welcomes offers on topics (skills). A topic the drafter has (declared, shown in their
portfolio or endorsed) counts by the drafter's strength in it; a topic only close to one of theirs
(a curated skill family) counts less; a learner's topics count least, since an offer is the
drafter asking to do the work. Every reason names a topic of the mentor's and a skill of the
drafter's, so it is true of both sides. A fixed number of queries, whatever the number of mentors.
"""

from collections import defaultdict
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from projects.matching import weights as w
from projects.matching.evidence import drafter_evidence_load
from projects.matching.scoring import DrafterEvidence
from projects.offers.models import Offer, OfferSettings
from projects.offers.selectors.mentors import mentor_list_for_offers, mentor_rows_attach_cards

# A mentor's topics outnumber the drafter's skills easily; the best three topics carry the
# score, so a mentor listing twenty topics does not beat one listing the drafter's three.
TOPICS_COUNTED = 3
# How much a mentor who reliably answers is preferred over one with no rate or a low one.
REPLY_RATE_WEIGHT = 0.15
CANDIDATES_MAX = 500


def _topic_credit(
    *, key: str, family: str, drafter: DrafterEvidence
) -> tuple[float, str, str | None]:
    """(credit, kind, the drafter's skill named in the reason) of one topic for this drafter."""
    credit, kind, yours = 0.0, "", None
    if key in drafter.declared:
        level, name = drafter.declared[key]
        credit, kind, yours = (
            w.LEVEL_CREDIT[level],
            "learning" if level == "learning" else "has",
            name,
        )
    if key in drafter.portfolio and w.LEVEL_CREDIT["working"] * w.EVIDENCE_PORTFOLIO > credit:
        credit, kind, yours = (
            w.LEVEL_CREDIT["working"] * w.EVIDENCE_PORTFOLIO,
            "has",
            drafter.portfolio[key],
        )
    if key in drafter.endorsed and w.LEVEL_CREDIT["expert"] * w.EVIDENCE_ENDORSED > credit:
        credit, kind, yours = (
            w.LEVEL_CREDIT["expert"] * w.EVIDENCE_ENDORSED,
            "has",
            drafter.endorsed[key],
        )
    if not credit and family and family in drafter.families:
        family_credit, name = drafter.families[family]
        credit, kind, yours = w.FAMILY_CREDIT * family_credit, "close", name
    return credit, kind, yours


def _score(topics: list[dict[str, Any]], drafter: DrafterEvidence) -> tuple[float, list[str]]:
    credits = []
    has, learning, close = [], [], []
    for topic in topics:
        credit, kind, yours = _topic_credit(
            key=topic["spelling_key"], family=topic["family"], drafter=drafter
        )
        if not credit:
            continue
        credits.append(credit)
        if kind == "has":
            has.append(topic["name"])
        elif kind == "learning":
            learning.append(topic["name"])
        else:
            close.append(f"{topic['name']} is close to your {yours}")
    score = sum(sorted(credits, reverse=True)[:TOPICS_COUNTED])
    reasons = []
    if has:
        reasons.append(f"Welcomes offers on your skills: {', '.join(has)}")
    if learning:
        reasons.append(f"Welcomes offers on what you are learning: {', '.join(learning)}")
    reasons += close
    return score, reasons


def mentor_recommendations_for_drafter(*, drafter: User, limit: int = 5) -> list[dict[str, Any]]:
    """Mentors open to offers that fit the drafter, best first, as public mentor cards with
    `score` and `reasons`. Left out: the drafter themself, mentors with no place left this month
    and mentors already holding a pending offer of theirs (one per mentor at a time). A drafter
    with no skills yet gets no recommendations (nothing true to say)."""
    now = timezone.now()
    evidence = drafter_evidence_load(user_ids=[drafter.pk], now=now)[drafter.pk]
    if not (evidence.declared or evidence.portfolio or evidence.endorsed):
        return []
    pending = Offer.objects.filter(
        mentor_id=OuterRef("mentor_id"), drafter=drafter, state=Offer.State.PENDING
    )
    rows = list(
        mentor_list_for_offers(skills=[], q="")
        .exclude(mentor_id=drafter.pk)
        .exclude(Exists(pending))
        .order_by("-id")[:CANDIDATES_MAX]
    )
    topics: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for link in OfferSettings.topics.through.objects.filter(
        offersettings_id__in=[row["id"] for row in rows]
    ).values("offersettings_id", "skill__name", "skill__spelling_key", "skill__family"):
        topics[link["offersettings_id"]].append(
            {
                "name": link["skill__name"],
                "spelling_key": link["skill__spelling_key"],
                "family": link["skill__family"],
            }
        )
    scored = []
    for row in rows:
        score, reasons = _score(topics[row["id"]], evidence)
        if score > 0:
            scored.append((score, row, reasons))
    scored.sort(key=lambda entry: (-entry[0], -entry[1]["id"]))
    # Cards (reply rate, places left): four queries for all of them; a full mentor is left out.
    head = [dict(row, score=score, reasons=reasons) for score, row, reasons in scored]
    mentor_rows_attach_cards(rows=head, now=now)
    head = [row for row in head if row["offers_left_this_month"] > 0]
    for row in head:
        row["score"] = round(row["score"] + REPLY_RATE_WEIGHT * (row["reply_rate"] or 0.0), 3)
    head.sort(key=lambda row: (-row["score"], -row["id"]))
    return head[:limit]
