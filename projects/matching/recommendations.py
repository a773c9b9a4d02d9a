"""Recommendations, both ways: open tasks for a drafter, discoverable drafters for a mentor's
task. The matching model's two reads: weights.py weighs, scoring.py scores, evidence.py and
candidates.py load; this module loads, scores and ranks. It lives in projects/matching rather
than projects/selectors because the two packages are independent (the import contracts); what
both need (who may see a task, the feedback clock, reply times) lies below them.

"Fetch and authorise in one step": another mentor's task raises NotFound (a 404)."""

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation

from accounts.models import PortfolioItem, Profile, User, UserSkill
from marketplace.errors import NotFound
from projects.matching import weights as w
from projects.matching.candidates import (
    candidate_rows_load,
    task_cards_load,
    task_features_from_rows,
    task_features_load,
    task_skill_refs,
)
from projects.matching.evidence import drafter_evidence_load, profile_words, skill_rarity_load
from projects.matching.mentor_figures import mentor_figures_for_ranking
from projects.matching.scoring import (
    TaskFeatures,
    diversify,
    score_task_for_drafter,
)
from projects.matching.skill_lists import task_skill_refs_from_rows, task_skill_words_from_rows
from projects.models import Application, Invitation, Task
from projects.response_rates import response_rate_is_low

CARD_FIELDS = (
    "id", "title", "excerpt", "estimated_hours", "deadline", "is_remote", "location", "slots",
    "filled_slots", "stipend_amount", "stipend_currency", "what_you_gain", "visibility",
    "published_at", "level", "mentor_handle", "mentor_name", "mentor_avatar", "mentor_organisation",
    "mentor_verified_work_domain",
)  # fmt: skip


def task_recommendations_for_user(*, user: User, limit: int = 20) -> list[dict[str, Any]]:
    """Open tasks the user can apply to, best first, each with its score and reasons. A drafter
        with skills or words sees only tasks that share something with them; one with nothing yet
        sees the newest. Tasks whose hours cannot fit the drafter's week by the deadline are left
        out. A fixed number of queries, whatever the catalogue size: the candidates (their skills
    as JSON in the same statement), then the cards of those shown."""
    now = timezone.now()
    drafter = drafter_evidence_load(user_ids=[user.pk], now=now)[user.pk]
    rows = {row["id"]: row for row in candidate_rows_load(user=user, drafter=drafter, now=now)}
    featured = {task_id for task_id, row in rows.items() if row["featured"]}
    rates, replies = mentor_figures_for_ranking(
        mentor_ids={row["mentor_id"] for row in rows.values()}, now=now
    )
    features = task_features_from_rows(
        rows=rows,
        featured=featured,
        replies=replies,
        words=drafter.words,
        now=now,
        skills=task_skill_refs_from_rows(rows=rows),
        skill_words=task_skill_words_from_rows(rows=rows),
    )
    for task in features.values():
        task.mentor_low_response = response_rate_is_low(rates[task.mentor_id])
    rarity = skill_rarity_load(
        keys={s.spelling_key for f in features.values() for s in f.skills}
        & (set(drafter.declared) | set(drafter.portfolio) | set(drafter.endorsed))
    )
    scored = []
    language = translation.get_language()
    for task in features.values():
        match = score_task_for_drafter(
            task=task, drafter=drafter, rarity=rarity, now=now, language=language
        )
        if not match.fits or match.too_advanced or (drafter.has_evidence and not match.relevant):
            continue
        scored.append((task, match))
    scored.sort(key=lambda pair: (-pair[1].score, -pair[0].id))
    order = diversify([(task.mentor_id, match.score) for task, match in scored], limit=limit)
    # Only the shown cards' columns are read (the mentor's profile, the excerpt): ~200
    # candidates' were a third of the candidate statement.
    cards = task_cards_load(task_ids=[scored[index][0].id for index in order])
    result = []
    for index in order:
        task, match = scored[index]
        if (row := cards.get(task.id)) is None:
            continue  # deleted since the candidate statement
        card = {key: row[key] for key in CARD_FIELDS}
        card["skills"] = [{"slug": s.slug, "name": s.name} for s in task.skills]
        card["mentor_response_rate"] = rates[task.mentor_id]["response_rate"]
        card["mentor_median_reply_hours"] = rates[task.mentor_id]["median_reply_hours"]
        card.update(score=match.score, reasons=match.reasons, stretch=match.stretch)
        result.append(card)
    return result


def _drafter_candidates(*, task_id: int, mentor: User, features: TaskFeatures) -> list[int]:
    """Discoverable, active drafters with a skill of the task (or of its families), who have
    not applied. Two queries, bounded."""
    keys = [s.spelling_key for s in features.skills]
    families = [s.family for s in features.skills if s.family]
    shares = Q(skill__spelling_key__in=keys) | Q(skill__family__in=families)
    people = (
        Profile.objects.filter(
            discoverable=True,
            wants_to_draft=True,
            deleted_at__isnull=True,
            user__is_active=True,
        )
        .exclude(user=mentor)
        .exclude(
            Exists(Application.objects.filter(task_id=task_id, drafter_id=OuterRef("user_id")))
        )
    )
    by_declared = people.filter(
        Exists(UserSkill.objects.filter(shares, user_id=OuterRef("user_id")))
    )
    by_portfolio = people.filter(
        Exists(
            PortfolioItem.skills.through.objects.filter(
                shares,
                portfolioitem__owner_id=OuterRef("user_id"),
                portfolioitem__visibility=PortfolioItem.Visibility.PUBLIC,
            )
        )
    )
    ids = dict.fromkeys(by_declared.values_list("user_id", flat=True)[: w.DRAFTER_CANDIDATES])
    ids.update(
        dict.fromkeys(by_portfolio.values_list("user_id", flat=True)[: w.DRAFTER_CANDIDATES])
    )
    return list(ids)


def task_recommended_drafters(*, task_id: int, mentor: User, limit: int = 10) -> list[dict]:
    """Drafters who opted in to be discoverable, best first for this task, with reasons a mentor
    may read (public portfolio only) and whether they were already invited."""
    task = Task.objects.filter(pk=task_id, mentor=mentor).first()
    if task is None:
        raise NotFound("Task not found.")
    now = timezone.now()
    skills = task_skill_refs(task_ids=[task.pk])[task.pk]
    text = f"{task.title} {task.description[:3000]} {' '.join(s.name for s in skills)}".lower()
    features = TaskFeatures(
        id=task.pk,
        mentor_id=task.mentor_id,
        skills=skills,
        estimated_hours=task.estimated_hours,
        deadline=task.deadline,
        published_at=None,  # freshness and newness say nothing about a drafter
        text=text,
        level=task.level,
    )
    user_ids = _drafter_candidates(task_id=task.pk, mentor=mentor, features=features)
    evidence = drafter_evidence_load(user_ids=user_ids, now=now, public_only=True)
    rarity = skill_rarity_load(keys={s.spelling_key for s in skills})
    task_words = set(profile_words([text], limit=w.MENTOR_TASK_WORDS))
    scored = []
    for uid, drafter in evidence.items():
        shared = task_words & set(drafter.words)
        features.text_relevance = min(len(shared) / w.MENTOR_TEXT_FULL_WORDS, 1.0)
        match = score_task_for_drafter(
            task=features, drafter=drafter, rarity=rarity, now=now, voice="mentor"
        )
        if match.relevant and match.fits and not match.too_advanced:
            scored.append((uid, match))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0]))
    scored = scored[:limit]
    profiles = {
        p["user_id"]: p
        for p in Profile.objects.filter(user_id__in=[uid for uid, _ in scored]).values(
            "user_id", "handle", "display_name", "headline", "weekly_hours"
        )
    }
    invited = set(
        Invitation.objects.filter(task=task, drafter_id__in=list(profiles)).values_list(
            "drafter_id", flat=True
        )
    )
    return [
        {
            "handle": profiles[uid]["handle"],
            "display_name": profiles[uid]["display_name"] or profiles[uid]["handle"],
            "headline": profiles[uid]["headline"],
            "weekly_hours": profiles[uid]["weekly_hours"],
            "score": match.score,
            "reasons": match.reasons,
            "stretch": match.stretch,
            "invited": uid in invited,
        }
        for uid, match in scored
    ]


def task_reasons_for_drafter(*, task_id: int, user: User) -> list[str]:
    """Why this task suits this drafter, told to the drafter (for an invitation). A fixed
    number of queries."""
    now = timezone.now()
    drafter = drafter_evidence_load(user_ids=[user.pk], now=now)[user.pk]
    features, _ = task_features_load(user=user, task_ids=[task_id], words=[], now=now)
    if task_id not in features:
        return []
    task = features[task_id]
    rarity = skill_rarity_load(keys={s.spelling_key for s in task.skills})
    return score_task_for_drafter(task=task, drafter=drafter, rarity=rarity, now=now).reasons
