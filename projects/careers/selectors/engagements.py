"""Engagements of consenting students: dates, hours, paid or not, and — only where the
student's consent covers them — stipend amounts and the mentor's NACE competency ratings."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import DateTimeField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from accounts.models import Consent
from projects.careers.access import (
    EVALUATIONS,
    OUTCOMES,
    STIPEND_AMOUNTS,
    CareersAccess,
)
from projects.careers.selectors.outcomes import careers_outcomes_by_engagement
from projects.careers.selectors.student_cohort import careers_cohort_of, careers_term_bounds
from projects.careers.selectors.students import EPOCH, subquery_count
from projects.models import Deliverable, Engagement, Feedback, Task


def careers_engagements(
    *,
    access: CareersAccess,
    updated_since: datetime | None = None,
    student_id: int | None = None,
    filters: dict[str, Any] | None = None,
) -> QuerySet[Engagement, Any]:
    """`filters` are the dashboard's (api/filters.py): state, paid, term (begun in it),
    programme, class_year, created_from/created_to (days, inclusive) and student (part of a
    name)."""
    consent_granted = Consent.objects.filter(
        student=OuterRef("drafter_id"), institution=access.institution, revoked_at__isnull=True
    ).values("granted_at")[:1]
    feedback_changed = (
        Feedback.objects.filter(engagement=OuterRef("pk"), author=OuterRef("mentor_id"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    epoch = Value(EPOCH, output_field=DateTimeField())
    # A correlated EXISTS, not `drafter__in=<students>`: the IN list made SQLite read every user
    # of the site to build the institution's set before the first row; with EXISTS a page walks
    # engagements in id order (the cursor's) and stops at page_size, whatever the site's size.
    rows = Engagement.objects.filter(access.consenting("drafter_id")).annotate(
        deliverable_count=subquery_count(
            Deliverable.objects.filter(engagement=OuterRef("pk")), "engagement"
        ),
        # A student who consents today makes their older engagements new to the institution.
        changed_at=Greatest(
            F("updated_at"),
            Coalesce(Subquery(consent_granted, output_field=DateTimeField()), epoch),
            Coalesce(Subquery(feedback_changed, output_field=DateTimeField()), epoch),
        ),
    )
    if student_id is not None:
        rows = rows.filter(drafter_id=student_id)
    if updated_since is not None:
        rows = rows.filter(changed_at__gt=updated_since)
    if filters:
        rows = _filtered(rows, access=access, filters=filters)
    # The task's columns are subqueries, not a join: PostgreSQL computes them after the sort
    # and LIMIT, for the page's rows only. As a join the task was read for every engagement of
    # the office's consenting students in the asked state (405 rows for a page of 20 at
    # `large`), so the page's cost grew with the office's history. (The student's name stays a
    # join: through the drafter's row it keeps the consent rule's active-account EXISTS a
    # primary-key probe per student; without that join PostgreSQL hashed every account.)
    task = Task.objects.filter(pk=OuterRef("task_id"))
    return rows.values(
        "pk",
        "drafter_id",
        "mentor_id",
        "task_id",
        "state",
        "started_at",
        "delivered_at",
        "completed_at",
        "cancelled_at",
        "created_at",
        "deliverable_count",
        "changed_at",
        student_display_name=F("drafter__profile__display_name"),
        student_handle=F("drafter__profile__handle"),
        task_title=Subquery(task.values("title")[:1]),
        task_hours=Subquery(task.values("estimated_hours")[:1]),
        task_stipend_amount=Subquery(task.values("stipend_amount")[:1]),
        task_stipend_currency=Subquery(task.values("stipend_currency")[:1]),
    )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _filtered[Rows: QuerySet[Any, Any]](
    rows: Rows, *, access: CareersAccess, filters: dict[str, Any]
) -> Rows:
    """Narrowed by the (drafter, state, -id) index and the membership rows of the page's
    students: the filters never read more than the institution's own engagements."""
    if filters.get("state"):
        rows = rows.filter(state=filters["state"])
    if filters.get("paid") is not None:
        unpaid = Q(task__stipend_amount__isnull=True) | Q(task__stipend_amount=0)
        rows = rows.exclude(unpaid) if filters["paid"] else rows.filter(unpaid)
    if filters.get("created_from"):
        rows = rows.filter(created_at__gte=_day_start(filters["created_from"]))
    if filters.get("created_to"):
        rows = rows.filter(created_at__lt=_day_start(filters["created_to"] + timedelta(days=1)))
    if filters.get("term"):
        start, end = careers_term_bounds(filters["term"])
        rows = rows.filter(created_at__gte=start, created_at__lt=end)
    rows = rows.filter(careers_cohort_of(access=access, user_ref="drafter_id", filters=filters))
    if filters.get("student"):
        name = filters["student"]
        rows = rows.filter(
            Q(drafter__profile__display_name__icontains=name)
            | Q(drafter__profile__handle__icontains=name)
        )
    return rows


def careers_engagement_rows_shape(
    *, access: CareersAccess, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The public shape of a page of engagement rows: the page's students (their ids and
    consent scopes), ratings and outcomes in one query each."""
    students = access.page_students(
        {row["drafter_id"] for row in rows}, (STIPEND_AMOUNTS, EVALUATIONS, OUTCOMES)
    )
    may_see_amounts = {pk for pk, s in students.items() if STIPEND_AMOUNTS in s.scopes}
    may_see_ratings = {pk for pk, s in students.items() if EVALUATIONS in s.scopes}
    sharing = {pk for pk, s in students.items() if OUTCOMES in s.scopes}
    ratings = {
        engagement_id: competencies
        for engagement_id, competencies in Feedback.objects.filter(
            engagement_id__in=[r["pk"] for r in rows if r["drafter_id"] in may_see_ratings],
            author_id=F("engagement__mentor_id"),
        ).values_list("engagement_id", "competencies")
    }
    # Only the sharing students' engagements are asked for, and a page where nobody shares
    # outcomes does not even build the query (its compilation was a fifth of the shaping).
    shared = [r["pk"] for r in rows if r["drafter_id"] in sharing]
    outcomes = (
        careers_outcomes_by_engagement(access=access, engagement_ids=shared) if shared else {}
    )
    shaped = []
    for row in rows:
        paid = bool(row["task_stipend_amount"])
        shaped.append(
            {
                "id": row["pk"],
                "student_id": students[row["drafter_id"]].public_id,
                "student_name": row["student_display_name"] or row["student_handle"] or "",
                "task": {"id": row["task_id"], "title": row["task_title"]},
                "state": row["state"],
                "created_at": row["created_at"],
                "started_at": row["started_at"],
                "delivered_at": row["delivered_at"],
                "completed_at": row["completed_at"],
                "cancelled_at": row["cancelled_at"],
                "hours": row["task_hours"],
                "paid": paid,
                "stipend": (
                    {
                        "amount": row["task_stipend_amount"],
                        "currency": row["task_stipend_currency"],
                    }
                    if paid and row["drafter_id"] in may_see_amounts
                    else None
                ),
                "deliverable_count": row["deliverable_count"],
                "competencies": (
                    ratings.get(row["pk"]) or None if row["drafter_id"] in may_see_ratings else None
                ),
                # What the draft led to, dated; null unless the student shares outcomes.
                "outcomes": (outcomes.get(row["pk"], []) if row["drafter_id"] in sharing else None),
                "updated_at": row["changed_at"],
            }
        )
    return shaped
