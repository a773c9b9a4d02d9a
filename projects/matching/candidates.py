"""Which tasks a drafter may be recommended, and the features scoring needs, loaded for a
bounded pool of candidates in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Lower, Substr

from accounts.models import User
from projects.matching import weights as w
from projects.matching.featured import task_ids_featured_for
from projects.matching.scoring import DrafterEvidence, SkillRef, TaskFeatures
from projects.matching.text import task_text_matches, text_relevance
from projects.models import Application, Invitation, Task
from projects.reply_times import mentor_reply_days_cached
from projects.visibility import task_visible_q


def tasks_recommendable_for(*, user: User, now: datetime) -> QuerySet:
    """Open tasks the user may see and apply to: not their own, not full (filled slots = slots),
    not already applied to (whatever became of it), not an invitation they declined, not past
    their deadline, and not from a mentor whose account is inactive or deleted."""
    through = Invitation.objects.filter(
        task_id=OuterRef("pk"), drafter=user, state=Invitation.State.DECLINED
    )
    return (
        Task.objects.filter(task_visible_q(user), state=Task.State.OPEN)
        .filter(filled_slots__lt=F("slots"), mentor__is_active=True)
        .filter(mentor__profile__deleted_at__isnull=True)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=now.date()))
        .exclude(mentor=user)
        .exclude(Exists(Application.objects.filter(task_id=OuterRef("pk"), drafter=user)))
        .exclude(Exists(through))
    )


def candidate_task_ids(*, eligible: QuerySet, drafter: DrafterEvidence) -> list[int]:
    """A bounded pool: tasks sharing a skill or a skill family, the tasks most relevant to the
    drafter's words among the newest the full-text index finds, and the newest tasks. Three
    queries."""
    keys = set(drafter.declared) | set(drafter.portfolio) | set(drafter.endorsed)
    ids: dict[int, None] = {}
    if keys or drafter.families:
        shares = Task.skills.through.objects.filter(task_id=OuterRef("pk")).filter(
            Q(skill__spelling_key__in=keys) | Q(skill__family__in=list(drafter.families))
        )
        by_skill = eligible.filter(Exists(shares)).order_by("-published_at", "-id")
        ids.update(dict.fromkeys(by_skill.values_list("id", flat=True)[: w.CANDIDATES_BY_SKILL]))
    if drafter.words:
        found = task_text_matches(eligible, drafter.words)
        texts = {
            row["id"]: f"{row['title'].lower()} {row['text']} {row['skills_text'].lower()}"
            for row in found.values(
                "id", "title", "skills_text", text=Lower(Substr("description", 1, 3000))
            )[: w.TEXT_SCORED]
        }
        relevance = text_relevance(texts=texts, words=drafter.words)
        best = sorted(relevance, key=lambda task_id: (-relevance[task_id], -task_id))
        ids.update(dict.fromkeys(best[: w.CANDIDATES_BY_TEXT]))
    newest = eligible.order_by("-published_at", "-id").values_list("id", flat=True)
    ids.update(dict.fromkeys(newest[: w.CANDIDATES_NEWEST]))
    return list(ids)


def task_skill_refs(*, task_ids: list[int]) -> dict[int, list[SkillRef]]:
    """Each task's skills with their matching keys. One query; one SkillRef per skill (a
    few dozen), shared by the tasks that have it (hundreds of links)."""
    by_task: dict[int, list[SkillRef]] = defaultdict(list)
    refs: dict[int, SkillRef] = {}
    links = Task.skills.through.objects.filter(task_id__in=task_ids).order_by("skill__name")
    for task_id, skill_id, *fields in links.values_list(
        "task_id",
        "skill_id",
        "skill__name",
        "skill__slug",
        "skill__spelling_key",
        "skill__family",
        "skill__category",
    ):
        if (ref := refs.get(skill_id)) is None:
            ref = refs[skill_id] = SkillRef(skill_id, *fields)
        by_task[task_id].append(ref)
    return by_task


def task_features_load(
    *, user: User, task_ids: list[int], words: list[str], now: datetime
) -> tuple[dict[int, TaskFeatures], dict[int, Mapping[str, Any]]]:
    """Features for scoring and the card rows for output, for the candidate tasks; text
    relevance to `words` is ranked among them. Three queries on a cold cache (rows, skills,
    mentors' reply times) and the careers hook."""
    rows: dict[int, Mapping[str, Any]] = {
        row["id"]: row
        for row in Task.objects.filter(id__in=task_ids).values(
            "id",
            "title",
            "estimated_hours",
            "deadline",
            "is_remote",
            "location",
            "slots",
            "filled_slots",
            "stipend_amount",
            "stipend_currency",
            "what_you_gain",
            "visibility",
            "published_at",
            "level",
            "mentor_id",
            excerpt=Substr("description", 1, 240),
            text=Lower(Substr("description", 1, 3000)),
            mentor_handle=F("mentor__profile__handle"),
            mentor_name=F("mentor__profile__display_name"),
            mentor_avatar=F("mentor__profile__avatar"),
            mentor_organisation=F("mentor__profile__organisation"),
            mentor_verified_work_domain=F("mentor__profile__verified_work_domain"),
        )
    }
    skills = task_skill_refs(task_ids=list(rows))
    mentor_ids = {row["mentor_id"] for row in rows.values()}
    replies = mentor_reply_days_cached(mentor_ids=mentor_ids, now=now)
    featured = task_ids_featured_for(user=user, task_ids=list(rows))
    texts = {
        task_id: f"{row['title'].lower()} {row['text']} "
        + " ".join(s.name.lower() for s in skills[task_id])
        for task_id, row in rows.items()
    }
    relevance = text_relevance(texts=texts, words=words)
    features = {
        task_id: TaskFeatures(
            id=task_id,
            mentor_id=row["mentor_id"],
            skills=skills[task_id],
            estimated_hours=row["estimated_hours"],
            deadline=row["deadline"],
            published_at=row["published_at"],
            text=texts[task_id],
            paid=bool(row["stipend_amount"]),
            featured=task_id in featured,
            mentor_reply_days=replies.get(row["mentor_id"]),
            text_relevance=relevance.get(task_id, 0.0),
            level=row["level"],
        )
        for task_id, row in rows.items()
    }
    return features, rows
