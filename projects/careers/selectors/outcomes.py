"""Outcomes as an office sees them — only for students who share the `outcomes` scope: what each
completed draft led to (introduction, referral, repeat work, job offer) and when it was reported,
and the first-destination export (one row per sharing student) for the NACE survey.

A draft counts once per outcome, whoever (student or mentor) reported it; the dated list keeps
the earliest report of each outcome. Report-back notes stay private: they are never disclosed.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Exists, F, OuterRef

from projects.careers.access import EVALUATIONS, OUTCOMES, PARTICIPATION, CareersAccess
from projects.careers.selectors.student_cohort import careers_students_in_cohort
from projects.careers.selectors.students import careers_students
from projects.models import Engagement, Feedback, ReportBack

FIRST_DESTINATION_COLUMNS = (
    "student_id",
    "name",
    "programme",
    "class_year",
    "drafts_completed",
    "first_draft_completed_on",
    "last_draft_completed_on",
    "competencies_rated",
    "introduction",
    "referral",
    "repeat_work",
    "job_offer",
    "outcomes_with_dates",
    # The office's pages say "engagements": the same three figures in that word, added at the
    # end because columns are never renamed or removed (existing imports read the draft ones).
    "engagements_completed",
    "first_engagement_completed_on",
    "last_engagement_completed_on",
)


def careers_outcomes_by_engagement(
    *, access: CareersAccess, engagement_ids: Iterable[int]
) -> dict[int, list[dict[str, Any]]]:
    """{engagement id: [{"outcome", "reported_at"}...]} for completed engagements of students
    who share outcomes; engagements of other students are absent. One query."""
    first: dict[int, dict[str, Any]] = defaultdict(dict)
    rows = (
        ReportBack.objects.filter(
            engagement_id__in=list(engagement_ids),
            engagement__state=Engagement.State.COMPLETED,
        )
        # EXISTS per report-back, not an IN list: the list made SQLite read every user of the
        # site to build the office's sharing set, for a page of 20 engagements.
        .filter(Exists(access.students(OUTCOMES).filter(pk=OuterRef("engagement__drafter_id"))))
        .order_by("created_at", "pk")
        .values_list("engagement_id", "outcomes", "created_at")
    )
    for engagement_id, outcomes, created_at in rows:
        for outcome in outcomes:
            first[engagement_id].setdefault(outcome, created_at)
    return {
        engagement_id: [
            {"outcome": outcome, "reported_at": at}
            for outcome, at in sorted(told.items(), key=lambda item: (item[1], item[0]))
        ]
        for engagement_id, told in first.items()
    }


def careers_student_outcomes(*, access: CareersAccess, student_id: int) -> list[dict] | None:
    """A student's dated outcomes (oldest first), or None when they do not share outcomes."""
    if not access.students(OUTCOMES).filter(pk=student_id).exists():
        return None
    completed = Engagement.objects.filter(
        drafter_id=student_id, state=Engagement.State.COMPLETED
    ).values_list("pk", flat=True)
    by_engagement = careers_outcomes_by_engagement(access=access, engagement_ids=completed)
    return sorted(
        (
            {"engagement_id": engagement_id, **item}
            for engagement_id, items in by_engagement.items()
            for item in items
        ),
        key=lambda item: (item["reported_at"], item["engagement_id"], item["outcome"]),
    )


def careers_first_destination_students(
    *, access: CareersAccess, filters: dict[str, Any] | None = None
) -> list[int]:
    """Students in the first-destination export: sharing both participation and outcomes,
    narrowed to the dashboard's term, programme and class year (`filters`, as the students list
    reads them) so the file holds the students the page shows."""
    rows = access.students(OUTCOMES).filter(pk__in=access.students(PARTICIPATION).values("pk"))
    rows = careers_students_in_cohort(rows, access=access, filters=filters or {})
    return list(rows.order_by("pk").values_list("pk", flat=True))


def careers_first_destination_rows(
    *, access: CareersAccess, student_ids: list[int]
) -> Iterator[list[str]]:
    """The first-destination export: a header, then one row per student, in batches of 500 (a
    handful of queries per batch). Ratings from mentors (NACE competencies, each the average
    of the mentors' 1-5 ratings, written as the pages write a rating: "4.5 / 5") only for
    students who also share the `evaluations` scope."""
    yield list(FIRST_DESTINATION_COLUMNS)
    ids = list(student_ids)
    for start in range(0, len(ids), 500):
        yield from _first_destination_batch(access=access, student_ids=ids[start : start + 500])


def _first_destination_batch(*, access: CareersAccess, student_ids: list[int]) -> Iterator[list]:
    students = {
        row["pk"]: row for row in careers_students(access=access).filter(pk__in=student_ids)
    }
    completed = defaultdict(list)
    for pk, drafter_id, completed_at in (
        Engagement.objects.filter(drafter_id__in=student_ids, state=Engagement.State.COMPLETED)
        .order_by("completed_at", "pk")
        .values_list("pk", "drafter_id", "completed_at")
    ):
        completed[drafter_id].append((pk, completed_at))
    engagement_owner = {pk: d for d, items in completed.items() for pk, _ in items}
    outcomes = careers_outcomes_by_engagement(access=access, engagement_ids=engagement_owner)
    rated = set(
        access.students(EVALUATIONS).filter(pk__in=student_ids).values_list("pk", flat=True)
    )
    ratings: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for drafter_id, competencies in Feedback.objects.filter(
        engagement__drafter_id__in=rated,
        engagement__state=Engagement.State.COMPLETED,
        author_id=F("engagement__mentor_id"),
    ).values_list("engagement__drafter_id", "competencies"):
        for name, value in (competencies or {}).items():
            ratings[drafter_id][name].append(value)
    for pk in student_ids:
        row = students.get(pk)
        if row is None:
            continue
        drafts = completed.get(pk, [])
        told = sorted(
            (item["reported_at"], item["outcome"])
            for engagement_id, _ in drafts
            for item in outcomes.get(engagement_id, [])
        )
        counts = {name: 0 for name in ReportBack.Outcome.values}
        for _, outcome in told:
            counts[outcome] = counts.get(outcome, 0) + 1
        completions = [
            str(len(drafts)),
            drafts[0][1].date().isoformat() if drafts and drafts[0][1] else "",
            drafts[-1][1].date().isoformat() if drafts and drafts[-1][1] else "",
        ]
        yield [
            row["public_id"] or access.student_public_id(pk),
            row["profile__display_name"] or row["profile__handle"] or "",
            row["programme"] or "",
            str(row["class_year"] or ""),
            *completions,
            "; ".join(
                f"{name} {sum(values) / len(values):.1f} / 5"
                for name, values in sorted(ratings.get(pk, {}).items())
            ),
            *(
                str(counts[name])
                for name in ("introduction", "referral", "repeat_work", "job_offer")
            ),
            "; ".join(f"{outcome} {at.date().isoformat()}" for at, outcome in told),
            *completions,
        ]
