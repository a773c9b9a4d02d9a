"""Which tasks a drafter may be recommended, and the features scoring needs, loaded for a
bounded pool of candidates in a fixed number of queries."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, Substr

from accounts.models import User
from projects.matching import weights as w
from projects.matching.featured import task_ids_featured_for
from projects.matching.scoring import DrafterEvidence, SkillRef, TaskFeatures
from projects.matching.text import task_text_matches, text_relevance
from projects.models import Application, Invitation, Task
from projects.selectors.tasks import task_visible_q


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


def _recent_task_ids(*, mentor_ids: set[int], recent: int = w.RESPONSIVE_RECENT_TASKS) -> RawSQL:
    """A subquery of the RESPONSIVE_RECENT_TASKS newest task ids of each mentor, read from the
    (mentor, -id) index: a few index entries per mentor, however many tasks they posted."""
    ids = sorted(mentor_ids)
    marks = ", ".join(["%s"] * len(ids))
    recent = int(recent)
    if connection.vendor == "postgresql":
        sql = (
            "SELECT r.id FROM accounts_user m CROSS JOIN LATERAL (SELECT t.id"  # noqa: S608
            " FROM projects_task t WHERE t.mentor_id = m.id"
            f" ORDER BY t.id DESC LIMIT {recent}) r WHERE m.id IN ({marks})"
        )
    else:
        # The bound is a correlated scalar per mentor, so SQLite seeks (mentor_id, id >= bound).
        sql = (
            "SELECT t.id FROM accounts_user m JOIN projects_task t ON t.mentor_id = m.id"  # noqa: S608
            " AND t.id >= COALESCE((SELECT r.id FROM projects_task r WHERE r.mentor_id = m.id"
            f" ORDER BY r.id DESC LIMIT 1 OFFSET {recent - 1}), 0) WHERE m.id IN ({marks})"
        )
    return RawSQL(sql, ids)  # noqa: S611 — constant SQL, the ids are parameters


def _days_to_answer() -> RawSQL:
    """Days from an application to its last change, in the database's own date arithmetic (a
    duration through the ORM called a Python function per row on SQLite: half the time of the
    reply-time query)."""
    if connection.vendor == "postgresql":
        sql = (
            "EXTRACT(EPOCH FROM (projects_application.updated_at"
            " - projects_application.created_at)) / 86400"
        )
    else:
        sql = (
            "julianday(projects_application.updated_at)"
            " - julianday(projects_application.created_at)"
        )
    return RawSQL(sql, (), output_field=FloatField())  # noqa: S611 — constant SQL


def recent_task_ids(*, mentor_ids: set[int], recent: int) -> RawSQL:
    """The `recent` newest task ids of each mentor, as a subquery (for response rates)."""
    return _recent_task_ids(mentor_ids=mentor_ids, recent=recent)


def mentor_reply_days_cached(*, mentor_ids: set[int], now: datetime) -> dict[int, float]:
    """mentor_reply_days, each mentor's figure (or its absence) cached for
    RESPONSIVE_CACHE_SECONDS: one query on a cold cache, none when every figure is cached.

    Recommendations read it for every candidate's mentor (a hundred or more) on every request:
    20-40 ms of application rows at 100,000 tasks, for an average over half a year that one
    more answer barely moves. (The task page's mentor card reads it uncached, for one mentor.)"""
    if not mentor_ids:
        return {}
    names = {mentor_id: f"mentor-reply-days:{mentor_id}" for mentor_id in mentor_ids}
    cached = cache.get_many(list(names.values()))
    days = {mentor_id: cached[name] for mentor_id, name in names.items() if name in cached}
    if missing := mentor_ids - set(days):
        fresh = dict.fromkeys(missing, _NO_FIGURE)
        fresh.update(mentor_reply_days(mentor_ids=missing, now=now))
        cache.set_many({names[m]: d for m, d in fresh.items()}, w.RESPONSIVE_CACHE_SECONDS)
        days.update(fresh)
    return {mentor_id: d for mentor_id, d in days.items() if d != _NO_FIGURE}


_NO_FIGURE = -1.0  # cached for a mentor who answered too few applications to have a figure


def mentor_reply_days(*, mentor_ids: set[int], now: datetime) -> dict[int, float]:
    """Average days each mentor took to answer (shortlist, accept or decline) applications over
    the window, on their RESPONSIVE_RECENT_TASKS most recent tasks, for mentors who answered
    enough of them. One query.

    The recent-tasks bound keeps the work per mentor fixed: the busiest mentor posts a tenth of
    all tasks, and averaging all of their applications read 2 s of rows at 100,000 tasks."""
    if not mentor_ids:
        return {}
    answered = [
        Application.State.SHORTLISTED,
        Application.State.ACCEPTED,
        Application.State.DECLINED,
    ]
    rows = (
        Application.objects.filter(
            task_id__in=_recent_task_ids(mentor_ids=mentor_ids),
            state__in=answered,
            created_at__gte=now - timedelta(days=w.RESPONSIVE_WINDOW_DAYS),
        )
        .values("task__mentor_id")
        .annotate(
            n=Count("id"),
            wait=Avg(_days_to_answer()),
        )
    )
    return {
        row["task__mentor_id"]: row["wait"]
        for row in rows
        if row["n"] >= w.RESPONSIVE_MIN_ANSWERED and row["wait"] is not None
    }


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
) -> tuple[dict[int, TaskFeatures], dict[int, dict]]:
    """Features for scoring and the card rows for output, for the candidate tasks; text
    relevance to `words` is ranked among them. Three queries on a cold cache (rows, skills,
    mentors' reply times) and the careers hook."""
    rows = {
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
