"""The dashboard's one filter ("Show figures for": term, programme, class year) applied to the
students and engagements lists, so the lists show the same students the figures count.

A term is the summary's (summary_terms.term_of): Spring Jan-May, Summer Jun-Aug, Fall Sep-Dec,
by the UTC day an application was made or an engagement begun. A student is in a term when they
applied or began an engagement in it (the funnel's "Applied" and "Engaged" for that term).

Every filter is a correlated EXISTS on the student's own rows (membership, engagements,
applications, each read through its user/drafter index), so a page still walks the list in id
order and stops at its size whatever the institution's size.
"""

import re
from datetime import UTC, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.models import Application, Engagement

TERM_PATTERN = re.compile(r"^(?P<year>\d{4}) (?P<season>Spring|Summer|Fall)$")
TERM_HELP = 'A term is a year and a season, as in "2026 Fall" (Spring, Summer or Fall).'
# The first month of each season, and of the next one (Fall ends with the year).
_SEASONS = {"Spring": (1, 6), "Summer": (6, 9), "Fall": (9, 13)}


def careers_term_bounds(term: str) -> tuple[datetime, datetime]:
    """[start, end) of a term in UTC; `term` already matches TERM_PATTERN."""
    match = TERM_PATTERN.match(term)
    if match is None:
        raise ValueError(TERM_HELP)
    year = int(match["year"])
    first, after = _SEASONS[match["season"]]
    end = datetime(year + after // 13, after % 13 or 1, 1, tzinfo=UTC)
    return datetime(year, first, 1, tzinfo=UTC), end


def careers_cohort_of(*, access: CareersAccess, user_ref: str, filters: dict[str, Any]) -> Q:
    """Students (`user_ref`: the outer query's user id column) of the chosen programme and class
    year, now members of the institution as students; Q() when neither is chosen."""
    cohort = {
        key: filters[key] for key in ("programme", "class_year") if filters.get(key) is not None
    }
    if not cohort:
        return Q()
    return Q(
        Exists(
            InstitutionMembership.objects.filter(
                user=OuterRef(user_ref),
                institution=access.institution,
                role=InstitutionMembership.Role.STUDENT,
                ended_at__isnull=True,
                **cohort,
            )
        )
    )


def careers_students_in_cohort[Rows: QuerySet[Any, Any]](
    rows: Rows, *, access: CareersAccess, filters: dict[str, Any]
) -> Rows:
    """The students list (selectors/students.py careers_students) narrowed to the dashboard's
    term, programme and class year."""
    rows = rows.filter(careers_cohort_of(access=access, user_ref="pk", filters=filters))
    if filters.get("term"):
        start, end = careers_term_bounds(filters["term"])
        in_term = {"drafter": OuterRef("pk"), "created_at__gte": start, "created_at__lt": end}
        rows = rows.filter(
            Exists(Engagement.objects.filter(**in_term))
            | Exists(Application.objects.filter(**in_term))
        )
    return rows
