"""The summary report: participation, completion, paid vs unpaid, stipend totals, outcomes, the
funnel (applied -> engaged -> completed -> outcome) and top skills for an institution's consenting
students, overall and by term, month, programme, class year or skill.

It reads SummaryCell rows only (kept in step by services/summary.py), never the engagements, so
a report costs the same after ten years as after one term: one query for the cells, one for the
students to log as disclosed.

Small cells identify people: any cell counting fewer than SUPPRESSION_THRESHOLD students has its
numbers withheld (`suppressed: true`); stipend totals need that many students who share amounts,
outcome counts that many who share outcomes, and a skill appears in top skills only with that
many students.

Students are counted once per cell. A cell is one period (all time, a term or a month): a student
active in two months of a `from`/`to` range counts in each month, so across several months the
`students` figure is student-months; without `from`/`to` (or with `term`) it is exact.

The totals (and top skills) never depend on `group_by`: they are read from the period cells the
query's period alone chooses (all time, the term, or the months of a range), and the groups from
the grouping's own cells. Summing the month cells for the totals of `group_by=month` counted a
student active in September and October twice (13 students where every other grouping said 12).
Groups still count a student in each group they are in (two terms, two skills); engagements,
completed, paid, unpaid and hours add up across groups to the totals (bar a hidden group).
"""

import json
from collections import defaultdict
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast

from projects.careers.access import CareersAccess
from projects.careers.models import SummaryCell
from projects.careers.selectors.report_counted import (
    NOT_GIVEN,
    careers_counted_students,
    careers_counted_students_filtered,
)
from projects.careers.summary_terms import COUNTERS, NO_SKILL, term_of

SUPPRESSION_THRESHOLD = 5
TOP_SKILLS = 10
GROUP_BY = ("term", "major", "class_year", "skill", "month")
NO_SKILL_LABEL = "No skill listed"
OUTCOME_FIELDS = (
    ("introduction", "introductions"),
    ("referral", "referrals"),
    ("repeat_work", "repeat_work"),
    ("job_offer", "job_offers"),
)

__all__ = ["GROUP_BY", "SUPPRESSION_THRESHOLD", "careers_report_summary", "term_of"]


class _Cell:
    """Counters summed over SummaryCells (additive within one period)."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(COUNTERS, 0)
        self.stipend_totals: dict[str, int] = {}

    def add(self, cell: Any) -> None:
        for name in COUNTERS:
            self.counts[name] += getattr(cell, name)
        for currency, amount in cell.stipend_totals.items():
            self.stipend_totals[currency] = self.stipend_totals.get(currency, 0) + amount

    def as_dict(self) -> dict[str, Any]:
        c = self.counts
        if c["students"] < SUPPRESSION_THRESHOLD:
            return {
                "students": None,
                "engagements": None,
                "completed": None,
                "completion_rate": None,
                "paid": None,
                "unpaid": None,
                "hours": None,
                "stipend_totals": None,
                "funnel": None,
                "outcomes": None,
                "suppressed": True,
            }
        shares_outcomes = c["outcome_sharing_students"] >= SUPPRESSION_THRESHOLD
        return {
            "students": c["students"],
            "engagements": c["engagements"],
            "completed": c["completed"],
            "completion_rate": round(c["completed"] / c["engagements"], 3),
            "paid": c["paid"],
            "unpaid": c["unpaid"],
            "hours": c["hours"],
            # Hidden (None) only when there are amounts and too few students share them: with
            # no engagement paid (`paid` is shown), the totals are truthfully none ({}).
            "stipend_totals": (
                dict(sorted((k, v) for k, v in self.stipend_totals.items() if v))
                if c["stipend_students"] >= SUPPRESSION_THRESHOLD or not c["paid"]
                else None
            ),
            "funnel": {
                "applied": c["applied_students"],
                "engaged": c["students"],
                "completed": c["completed_students"],
                "outcome": c["outcome_students"] if shares_outcomes else None,
            },
            "outcomes": (
                {key: c[counter] for key, counter in OUTCOME_FIELDS} if shares_outcomes else None
            ),
            "suppressed": False,
        }


def _months(date_from: date | None, date_to: date | None) -> tuple[str, str]:
    return (
        date_from.strftime("%Y-%m") if date_from else "0000-00",
        date_to.strftime("%Y-%m") if date_to else "9999-99",
    )


def _cells(
    *,
    access: CareersAccess,
    grains: set[str],
    date_from: date | None,
    date_to: date | None,
    term: str | None,
    major: str | None,
    class_year: int | None,
) -> dict[str, list[Any]]:
    """The cells of each grain (one query for all of them), filtered to the query."""
    rows = SummaryCell.objects.filter(institution=access.institution, grain__in=grains)
    if major:
        rows = rows.filter(programme="" if major == NOT_GIVEN else major)
    if class_year is not None:
        rows = rows.filter(class_year=class_year)
    # Plain rows, not model instances: building a SummaryCell per row was most of a report's
    # time, and the number of cells grows with the office's history.
    # Stipend totals as their JSON text, parsed only when not empty: most cells have none, and
    # parsing every cell's was a third of reading them.
    by_grain: dict[str, list[Any]] = {grain: [] for grain in grains}
    for row in rows.order_by("period", "programme", "class_year", "skill").values(
        "grain",
        "period",
        "programme",
        "class_year",
        "skill",
        *COUNTERS,
        money=Cast("stipend_totals", TextField()),
    ):
        money = row.pop("money")
        row["stipend_totals"] = json.loads(money) if money and money != "{}" else {}
        by_grain[row.pop("grain")].append(SimpleNamespace(**row))
    return {
        grain: _in_period(cells, grain=grain, date_from=date_from, date_to=date_to, term=term)
        for grain, cells in by_grain.items()
    }


def _in_period(
    cells: list[Any], *, grain: str, date_from: date | None, date_to: date | None, term: str | None
) -> list[Any]:
    if grain == SummaryCell.Grain.MONTH:
        first, last = _months(date_from, date_to)
        cells = [c for c in cells if first <= c.period <= last]
        if term:
            cells = [c for c in cells if term_of(date.fromisoformat(f"{c.period}-01")) == term]
    elif grain == SummaryCell.Grain.TERM:
        if term:
            cells = [c for c in cells if c.period == term]
        if date_from or date_to:
            # Terms are whole: keep those with a month in the range.
            first, last = _months(date_from, date_to)
            cells = [c for c in cells if _term_overlaps(c.period, first, last)]
    return cells


def _term_overlaps(term: str, first: str, last: str) -> bool:
    year, season = term.split(" ", 1)
    start, end = {"Spring": ("01", "05"), "Summer": ("06", "08"), "Fall": ("09", "12")}[season]
    return f"{year}-{start}" <= last and f"{year}-{end}" >= first


def careers_report_summary(
    *,
    access: CareersAccess,
    date_from: date | None = None,
    date_to: date | None = None,
    group_by: str | None = None,
    term: str | None = None,
    major: str | None = None,
    class_year: int | None = None,
) -> tuple[dict[str, Any], set[int]]:
    """The report, and the students whose figures are in the office's summary (for the
    disclosure log)."""
    # The smallest period that answers the question exactly.
    if group_by == "month" or date_from or date_to:
        base = SummaryCell.Grain.MONTH
    elif term or group_by == "term":
        base = SummaryCell.Grain.TERM
    else:
        base = SummaryCell.Grain.ALL
    grain = SummaryCell.Grain.TERM if group_by == "term" and base != "month" else base
    # The totals' grain is the period's alone (see the module's docstring): with a date range
    # months, with a term that term, else all time — whatever the grouping.
    if date_from or date_to:
        totals_grain = SummaryCell.Grain.MONTH
    elif term:
        totals_grain = SummaryCell.Grain.TERM
    else:
        totals_grain = SummaryCell.Grain.ALL
    cells_of = _cells(
        access=access,
        grains={grain, totals_grain},
        date_from=date_from,
        date_to=date_to,
        term=term,
        major=major,
        class_year=class_year,
    )
    totals = _Cell()
    skill_students: dict[str, int] = defaultdict(int)
    for cell in cells_of[totals_grain]:
        if not cell.skill:
            totals.add(cell)
        elif cell.skill != NO_SKILL:
            skill_students[cell.skill] += cell.students
    groups: dict[str, _Cell] = defaultdict(_Cell)
    for cell in cells_of[grain] if group_by else ():
        if group_by == "skill":
            if cell.skill:
                groups[NO_SKILL_LABEL if cell.skill == NO_SKILL else cell.skill].add(cell)
            continue
        if cell.skill:
            continue
        key: str | None = _group_key(cell, group_by)
        if group_by == "term" and grain == SummaryCell.Grain.MONTH:
            # With a date range, terms are built from months (student-months, see above).
            key = term_of(date.fromisoformat(f"{cell.period}-01"))
        if key is not None:
            groups[key].add(cell)
    top_skills = [
        {"skill": name, "students": students}
        for name, students in sorted(skill_students.items(), key=lambda kv: (-kv[1], kv[0]))
        if students >= SUPPRESSION_THRESHOLD
    ][:TOP_SKILLS]
    total = totals.as_dict()
    report = {
        "from": date_from,
        "to": date_to,
        "group_by": group_by,
        "suppression_threshold": SUPPRESSION_THRESHOLD,
        "totals": total,
        # A group where nobody engaged (only applications) is left out, as before.
        "groups": [
            {"key": key, **groups[key].as_dict()}
            for key in sorted(groups)
            if groups[key].counts["students"]
        ],
        "top_skills": top_skills,
        "outcomes": total["outcomes"],
    }
    if not (totals.counts["students"] or totals.counts["applied_students"]):
        disclosed: set[int] = set()
    elif major or class_year is not None or term or date_from or date_to:
        # A filtered report counts only its cohort: log those, never the whole office.
        disclosed = careers_counted_students_filtered(
            access=access,
            date_from=date_from,
            date_to=date_to,
            term=term,
            major=major,
            class_year=class_year,
        )
    else:
        disclosed = careers_counted_students(institution_id=access.institution.pk)
    return report, disclosed


def _group_key(cell: Any, group_by: str | None) -> str | None:
    if group_by in ("term", "month"):
        return cell.period
    if group_by == "major":
        return cell.programme or NOT_GIVEN
    if group_by == "class_year":
        return str(cell.class_year) if cell.class_year else NOT_GIVEN
    return None


def careers_report_filters(*, access: CareersAccess) -> dict[str, list[Any]]:
    """The terms, majors and class years that can be chosen as filters (values only)."""
    cells = SummaryCell.objects.filter(
        institution=access.institution, skill="", students__gt=0
    ).values_list("grain", "period", "programme", "class_year")
    terms, majors, years = set(), set(), set()
    for grain, period, programme, year in cells:
        if grain == SummaryCell.Grain.TERM:
            terms.add(period)
        elif grain == SummaryCell.Grain.ALL:
            if programme:
                majors.add(programme)
            if year:
                years.add(year)
    return {"terms": sorted(terms), "majors": sorted(majors), "class_years": sorted(years)}


def careers_report_every_figure_hidden(report: dict[str, Any]) -> bool:
    """True when the report shows no figure at all: the totals and every group hidden (fewer
    than SUPPRESSION_THRESHOLD students) and no top skill."""
    cells = [report["totals"], *report["groups"]]
    return all(cell["suppressed"] for cell in cells) and not report["top_skills"]
