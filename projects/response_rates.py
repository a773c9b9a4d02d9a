"""Mentors' response rates: does an application to this mentor get an answer, and how soon?

A mentor's response rate is the share of the applications of the last RESPONSE_RATE_WINDOW_DAYS
they answered themselves (shortlisted, accepted or declined — an automatic close is no answer)
within RESPONSE_RATE_ANSWER_DAYS; applications withdrawn by the drafter and those still inside
their 14 days are not counted. The median reply time is over the answered ones. Both are read
from the mentor's RESPONSE_RATE_RECENT_TASKS newest tasks (bounded work for the busiest mentor)
and cached per mentor like the reply time "For you" names (projects/matching/candidates.py).

Browse and the task page read them stored (MentorResponseRate, projects/response_rate_models.py):
`mentor_response_rates_store` rewrites a mentor's row in the transaction of every answer,
withdrawal and automatic close, and `mentor_response_rates_refresh_due` (hourly) rewrites rows a
day old, as the window slides. An unanswered application passing its 14 days is closed by the
same hourly run, which stores the figure again.
"""

import statistics
from collections import defaultdict
from datetime import datetime, timedelta
from typing import TypedDict

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from projects.models import Application, MentorResponseRate, Task
from projects.reply_times import RESPONSIVE_CACHE_SECONDS, recent_task_ids

# The share of applications of the last RESPONSE_RATE_WINDOW_DAYS the mentor answered
# (shortlisted, accepted or declined — not closed automatically) within
# RESPONSE_RATE_ANSWER_DAYS, on their RESPONSE_RATE_RECENT_TASKS most recent tasks; shown once
# RESPONSE_RATE_MIN_APPLICATIONS could have been answered (the median reply time once as many
# were answered).
RESPONSE_RATE_WINDOW_DAYS = 90
RESPONSE_RATE_ANSWER_DAYS = 14
RESPONSE_RATE_RECENT_TASKS = 20
RESPONSE_RATE_MIN_APPLICATIONS = 5
# A mentor who answers under LOW_RESPONSE_RATE of LOW_RESPONSE_MIN_APPLICATIONS or more is asked to
# pause or close tasks (once a month) and ranks lower (weights.LOW_RESPONSE_PENALTY).
LOW_RESPONSE_RATE = 0.5
LOW_RESPONSE_MIN_APPLICATIONS = 10
CACHE_SECONDS = RESPONSIVE_CACHE_SECONDS
# A stored figure is recomputed by the hourly run once it is this old (the window slides a day).
STORED_REFRESH_AFTER = timedelta(days=1)
# Mentors recomputed per query by the refresh and the migration that fills the rows.
REFRESH_BATCH = 500
ANSWERED = (Application.State.SHORTLISTED, Application.State.ACCEPTED, Application.State.DECLINED)
PENDING = (Application.State.SUBMITTED, Application.State.SHORTLISTED)


class ResponseRate(TypedDict):
    response_rate: float | None  # 0…1, None under RESPONSE_RATE_MIN_APPLICATIONS
    median_reply_hours: int | None  # None under RESPONSE_RATE_MIN_APPLICATIONS answered
    applications: int  # applications that could have been answered, in the window
    answered: int  # of those, answered by the mentor in time


NO_FIGURES = ResponseRate(response_rate=None, median_reply_hours=None, applications=0, answered=0)


def mentor_response_rates(*, mentor_ids: set[int], now: datetime) -> dict[int, ResponseRate]:
    """Each mentor's response rate and median reply time (see the module). One query."""
    if not mentor_ids:
        return {}
    window_start = now - timedelta(days=RESPONSE_RATE_WINDOW_DAYS)
    answer_within = timedelta(days=RESPONSE_RATE_ANSWER_DAYS)
    rows = (
        Application.objects.filter(
            task_id__in=recent_task_ids(mentor_ids=mentor_ids, recent=RESPONSE_RATE_RECENT_TASKS),
            created_at__gte=window_start,
        )
        .exclude(state=Application.State.WITHDRAWN)
        # Still inside its 14 days and unanswered: it may yet be answered, so it counts neither way.
        .exclude(Q(state__in=PENDING) & Q(created_at__gt=now - answer_within))
        .values_list("task__mentor_id", "state", "closed_automatically", "created_at", "updated_at")
    )
    counted: dict[int, int] = defaultdict(int)
    waits: dict[int, list[float]] = defaultdict(list)
    for mentor_id, state, automatic, created_at, updated_at in rows:
        counted[mentor_id] += 1
        wait = updated_at - created_at
        if state in ANSWERED and not automatic and wait <= answer_within:
            waits[mentor_id].append(wait.total_seconds() / 3600)
    figures = {}
    for mentor_id in mentor_ids:
        total, answered = counted[mentor_id], waits[mentor_id]
        enough = total >= RESPONSE_RATE_MIN_APPLICATIONS
        figures[mentor_id] = ResponseRate(
            response_rate=round(len(answered) / total, 2) if enough else None,
            median_reply_hours=(
                max(1, round(statistics.median(answered)))
                if len(answered) >= RESPONSE_RATE_MIN_APPLICATIONS
                else None
            ),
            applications=total,
            answered=len(answered),
        )
    return figures


def mentor_response_rates_cached(
    *, mentor_ids: set[int], now: datetime | None = None
) -> dict[int, ResponseRate]:
    """mentor_response_rates, each mentor's figures cached for CACHE_SECONDS: one query on a
    cold cache, none when every mentor's figures are cached (task cards read it per page)."""
    if not mentor_ids:
        return {}
    now = now or timezone.now()
    names = {mentor_id: f"mentor-response-rate:{mentor_id}" for mentor_id in mentor_ids}
    cached = cache.get_many(list(names.values()))
    figures = {m: cached[name] for m, name in names.items() if name in cached}
    if missing := set(mentor_ids) - set(figures):
        fresh = mentor_response_rates(mentor_ids=missing, now=now)
        cache.set_many({names[m]: f for m, f in fresh.items()}, CACHE_SECONDS)
        figures.update(fresh)
    return figures


_STORED_FIELDS = ["response_rate", "median_reply_hours", "applications", "answered", "computed_at"]


def mentor_response_rates_store(*, mentor_ids: set[int], now: datetime | None = None) -> None:
    """Recompute and store these mentors' figures: two queries. Called inside the transaction
    that answers, withdraws or closes one of their applications, so the stored figure moves
    with it (tests/projects/test_mentor_response_rate_column.py)."""
    if not mentor_ids:
        return
    now = now or timezone.now()
    figures = mentor_response_rates(mentor_ids=mentor_ids, now=now)
    MentorResponseRate.objects.bulk_create(
        [
            MentorResponseRate(
                mentor_id=mentor_id,
                response_rate=f["response_rate"],
                median_reply_hours=f["median_reply_hours"],
                applications=f["applications"],
                answered=f["answered"],
                computed_at=now,
            )
            for mentor_id, f in figures.items()
        ],
        update_conflicts=True,
        unique_fields=["mentor"],
        update_fields=_STORED_FIELDS,
    )


def mentor_response_rates_refresh_due(*, now: datetime | None = None) -> int:
    """Hourly: recompute the stored figures that count applications and are a day old (the
    window slides with time alone; a figure counting none moves only with an answer or an
    automatic close, which store it). Returns how many mentors were recomputed."""
    now = now or timezone.now()
    due = list(
        MentorResponseRate.objects.filter(
            applications__gt=0, computed_at__lte=now - STORED_REFRESH_AFTER
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(due), REFRESH_BATCH):
        mentor_response_rates_store(mentor_ids=set(due[start : start + REFRESH_BATCH]), now=now)
    return len(due)


def mentor_response_rates_fill(*, now: datetime | None = None) -> int:
    """Store the figures of every mentor with an application in the window (the migration
    that adds the table runs it once). Returns how many mentors."""
    now = now or timezone.now()
    mentor_ids = sorted(
        set(
            Application.objects.filter(
                created_at__gte=now - timedelta(days=RESPONSE_RATE_WINDOW_DAYS)
            ).values_list("task__mentor_id", flat=True)
        )
    )
    for start in range(0, len(mentor_ids), REFRESH_BATCH):
        batch = set(mentor_ids[start : start + REFRESH_BATCH])
        mentor_response_rates_store(mentor_ids=batch, now=now)
    return len(mentor_ids)


def response_rate_is_low(figures: ResponseRate) -> bool:
    """Under LOW_RESPONSE_RATE over LOW_RESPONSE_MIN_APPLICATIONS or more: tasks rank lower and
    the mentor is asked to pause or close tasks."""
    rate = figures["response_rate"]
    return (
        rate is not None
        and figures["applications"] >= LOW_RESPONSE_MIN_APPLICATIONS
        and rate < LOW_RESPONSE_RATE
    )


def mentors_with_low_response_rate(*, now: datetime) -> list[int]:
    """Mentors with an open task whose response rate is low (for the monthly reminder). Two
    queries: the mentors with open tasks and applications in the window, then their figures."""
    mentor_ids = set(
        Task.objects.filter(
            state=Task.State.OPEN,
            applications__created_at__gte=now - timedelta(days=RESPONSE_RATE_WINDOW_DAYS),
        )
        .values_list("mentor_id", flat=True)
        .distinct()
    )
    figures = mentor_response_rates(mentor_ids=mentor_ids, now=now)
    return sorted(m for m, f in figures.items() if response_rate_is_low(f))
