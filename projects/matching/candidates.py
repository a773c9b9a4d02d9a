"""Which tasks a drafter may be recommended, and the features scoring needs, loaded for a
bounded pool of candidates in a fixed number of queries."""

from collections import defaultdict
from datetime import datetime, timedelta

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
from projects.matching.text import task_text_rank
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


def candidate_task_ids(
    *, eligible: QuerySet, drafter: DrafterEvidence
) -> tuple[list[int], dict[int, float]]:
    """A bounded pool: tasks sharing a skill or a skill family, tasks the full-text index finds
    for the drafter's words, and the newest tasks. Returns ids and the text rank of those found
    by text, scaled to 0…1. Three queries."""
    keys = set(drafter.declared) | set(drafter.portfolio) | set(drafter.endorsed)
    ids: dict[int, None] = {}
    if keys or drafter.families:
        shares = Task.skills.through.objects.filter(task_id=OuterRef("pk")).filter(
            Q(skill__spelling_key__in=keys) | Q(skill__family__in=list(drafter.families))
        )
        by_skill = eligible.filter(Exists(shares)).order_by("-published_at", "-id")
        ids.update(dict.fromkeys(by_skill.values_list("id", flat=True)[: w.CANDIDATES_BY_SKILL]))
    ranks: dict[int, float] = {}
    if drafter.words:
        found = task_text_rank(eligible, drafter.words).order_by("-text_rank", "-id")
        ranks = dict(found.values_list("id", "text_rank")[: w.CANDIDATES_BY_TEXT])
        ids.update(dict.fromkeys(ranks))
        best = max(ranks.values(), default=0) or 1.0
        ranks = {task_id: max(rank, 0) / best for task_id, rank in ranks.items()}
    newest = eligible.order_by("-published_at", "-id").values_list("id", flat=True)
    ids.update(dict.fromkeys(newest[: w.CANDIDATES_NEWEST]))
    return list(ids), ranks


def _recent_task_ids(*, mentor_ids: set[int]) -> RawSQL:
    """A subquery of the RESPONSIVE_RECENT_TASKS newest task ids of each mentor, read from the
    (mentor, -id) index: a few index entries per mentor, however many tasks they posted."""
    ids = sorted(mentor_ids)
    marks = ", ".join(["%s"] * len(ids))
    recent = int(w.RESPONSIVE_RECENT_TASKS)
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


def mentor_reply_days(*, mentor_ids: set[int], now: datetime) -> dict[int, float]:
    """Average days each mentor took to answer (shortlist, accept or decline) applications over
    the window, on their RESPONSIVE_RECENT_TASKS most recent tasks, for mentors who answered
    enough of them. One query.

    The recent-tasks bound keeps the work per mentor fixed: the busiest mentor posts a tenth of
    all tasks, and averaging all of their applications read 2 s of rows at 100,000 tasks."""
    answered = [
        Application.State.SHORTLISTED,
        Application.State.ACCEPTED,
        Application.State.DECLINED,
    ]
    if not mentor_ids:
        return {}
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
    """Each task's skills with their matching keys. One query."""
    by_task: dict[int, list[SkillRef]] = defaultdict(list)
    links = Task.skills.through.objects.filter(task_id__in=task_ids).order_by("skill__name")
    for row in links.values(
        "task_id",
        "skill_id",
        "skill__name",
        "skill__slug",
        "skill__spelling_key",
        "skill__family",
        "skill__category",
    ):
        by_task[row["task_id"]].append(
            SkillRef(
                id=row["skill_id"],
                name=row["skill__name"],
                slug=row["skill__slug"],
                spelling_key=row["skill__spelling_key"],
                family=row["skill__family"],
                category=row["skill__category"],
            )
        )
    return by_task


def task_features_load(
    *, user: User, task_ids: list[int], text_ranks: dict[int, float], now: datetime
) -> tuple[dict[int, TaskFeatures], dict[int, dict]]:
    """Features for scoring and the card rows for output, for the candidate tasks. Three
    queries (rows, skills, mentors' reply times) and the careers hook."""
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
    replies = mentor_reply_days(mentor_ids={row["mentor_id"] for row in rows.values()}, now=now)
    featured = task_ids_featured_for(user=user, task_ids=list(rows))
    features = {
        task_id: TaskFeatures(
            id=task_id,
            mentor_id=row["mentor_id"],
            skills=skills[task_id],
            estimated_hours=row["estimated_hours"],
            deadline=row["deadline"],
            published_at=row["published_at"],
            text=f"{row['title'].lower()} {row['text']} "
            + " ".join(s.name.lower() for s in skills[task_id]),
            paid=bool(row["stipend_amount"]),
            featured=task_id in featured,
            mentor_reply_days=replies.get(row["mentor_id"]),
            text_relevance=text_ranks.get(task_id, 0.0),
        )
        for task_id, row in rows.items()
    }
    return features, rows
