"""How soon a mentor answers applications: the figure behind "mentor replies within N days" on
"For you" (a matching reason) and on the task page's mentor card. Below projects/selectors and
projects/matching, which both show it and must not import each other (the import contracts);
the weight it earns and the threshold for the reason are in projects/matching/weights.py."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Count, FloatField
from django.db.models.expressions import RawSQL

from projects.models import Application

# A mentor has a figure once they answered at least RESPONSIVE_MIN_ANSWERED applications within
# the last RESPONSIVE_WINDOW_DAYS …
RESPONSIVE_MIN_ANSWERED = 2
RESPONSIVE_WINDOW_DAYS = 180
# … counting applications to their most recent tasks only (bounded work for the busiest mentor).
RESPONSIVE_RECENT_TASKS = 10
# How long each mentor's figure is cached for recommendations, in seconds.
RESPONSIVE_CACHE_SECONDS = 600


def recent_task_ids(*, mentor_ids: set[int], recent: int = RESPONSIVE_RECENT_TASKS) -> RawSQL:
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
        cache.set_many({names[m]: d for m, d in fresh.items()}, RESPONSIVE_CACHE_SECONDS)
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
            task_id__in=recent_task_ids(mentor_ids=mentor_ids),
            state__in=answered,
            created_at__gte=now - timedelta(days=RESPONSIVE_WINDOW_DAYS),
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
        if row["n"] >= RESPONSIVE_MIN_ANSWERED and row["wait"] is not None
    }
