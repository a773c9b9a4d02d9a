"""Which students a summary report counted, for the disclosure log: the whole office's counted
set (cached, see projects/careers/counted.py) for the unfiltered report, or — when the report is
filtered by major, class year, term or dates — only the students the filtered figures count, so a
student outside the filter is never told they were counted in it."""

from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Exists, OuterRef

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.counted import counted_students_cached
from projects.careers.models import CareersStudent
from projects.careers.selectors.student_cohort import careers_term_bounds
from projects.models import Application, Engagement

NOT_GIVEN = "Not given"  # the report's major for students who gave none


def careers_counted_students(*, institution_id: int) -> set[int]:
    """The students whose figures are in the institution's summary: those whose contribution
    is not empty (cached per version of the set, see projects/careers/counted.py)."""
    return counted_students_cached(
        institution_id=institution_id,
        load=lambda: set(
            CareersStudent.objects.filter(institution_id=institution_id)
            .exclude(contribution=[])
            .values_list("student_id", flat=True)
        ),
    )


def careers_counted_students_filtered(
    *,
    access: CareersAccess,
    date_from: date | None = None,
    date_to: date | None = None,
    term: str | None = None,
    major: str | None = None,
    class_year: int | None = None,
) -> set[int]:
    """The students a filtered report counts, by the cells' own rule: counted in the summary,
    now a student member of the major ("Not given": none) and class year, and — with a term or
    a date range — who applied or began an engagement in it (UTC, whole months for a range, as
    the month cells are). One query; not cached (the filters are many, the unfiltered set is)."""
    rows = CareersStudent.objects.filter(institution=access.institution).exclude(contribution=[])
    if major or class_year is not None:
        cohort: dict[str, Any] = {}
        if major:
            cohort["programme"] = "" if major == NOT_GIVEN else major
        if class_year is not None:
            cohort["class_year"] = class_year
        rows = rows.filter(
            Exists(
                InstitutionMembership.objects.filter(
                    user=OuterRef("student_id"),
                    institution=access.institution,
                    role=InstitutionMembership.Role.STUDENT,
                    ended_at__isnull=True,
                    **cohort,
                )
            )
        )
    for start, end in _activity_windows(term=term, date_from=date_from, date_to=date_to):
        within = {
            "drafter": OuterRef("student_id"),
            "created_at__gte": start,
            "created_at__lt": end,
        }
        rows = rows.filter(
            Exists(Engagement.objects.filter(**within))
            | Exists(Application.objects.filter(**within))
        )
    return set(rows.values_list("student_id", flat=True))


def _activity_windows(
    *, term: str | None, date_from: date | None, date_to: date | None
) -> list[tuple[datetime, datetime]]:
    """[start, end) UTC windows a counted student was active in: the term's, the range's whole
    months (the report reads month cells for a range), or both (both must hold)."""
    windows = []
    if term:
        windows.append(careers_term_bounds(term))
    if date_from or date_to:
        start = (
            datetime(date_from.year, date_from.month, 1, tzinfo=UTC)
            if date_from
            else datetime(1900, 1, 1, tzinfo=UTC)
        )
        if date_to:
            end = datetime(
                date_to.year + date_to.month // 12, date_to.month % 12 + 1, 1, tzinfo=UTC
            )
        else:
            end = datetime(9999, 1, 1, tzinfo=UTC)
        windows.append((start, end))
    return windows
