"""The summary report: participation, completion, paid vs unpaid, stipend totals and top
skills for an institution's consenting students, overall and by term, major, skill or month.

Small cells identify people: any cell counting fewer than SUPPRESSION_THRESHOLD students has
its numbers withheld (`suppressed: true`), stipend totals need that many students who agreed to
share amounts, and a skill appears in top skills only with that many students.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from accounts.models import InstitutionMembership
from projects.careers.access import PARTICIPATION, STIPEND_AMOUNTS, CareersAccess
from projects.models import Engagement, Task

SUPPRESSION_THRESHOLD = 5
TOP_SKILLS = 10
GROUP_BY = ("term", "major", "skill", "month")


def term_of(day: date) -> str:
    """Academic terms as most US offices report them: Spring (Jan-May), Summer (Jun-Aug),
    Fall (Sep-Dec)."""
    season = "Spring" if day.month <= 5 else "Summer" if day.month <= 8 else "Fall"
    return f"{day.year} {season}"


@dataclass
class _Cell:
    students: set[int] = field(default_factory=set)
    stipend_students: set[int] = field(default_factory=set)
    engagements: int = 0
    completed: int = 0
    paid: int = 0
    unpaid: int = 0
    hours: int = 0
    stipend_totals: dict[str, int] = field(default_factory=dict)

    def add(self, row: dict[str, Any], *, shows_amount: bool) -> None:
        self.students.add(row["drafter_id"])
        self.engagements += 1
        self.completed += row["state"] == Engagement.State.COMPLETED
        self.hours += row["task__estimated_hours"] or 0
        if row["task__stipend_amount"]:
            self.paid += 1
            if shows_amount:
                self.stipend_students.add(row["drafter_id"])
                currency = row["task__stipend_currency"]
                self.stipend_totals[currency] = (
                    self.stipend_totals.get(currency, 0) + row["task__stipend_amount"]
                )
        else:
            self.unpaid += 1

    def as_dict(self) -> dict[str, Any]:
        if len(self.students) < SUPPRESSION_THRESHOLD:
            return {
                "students": None,
                "engagements": None,
                "completed": None,
                "completion_rate": None,
                "paid": None,
                "unpaid": None,
                "hours": None,
                "stipend_totals": None,
                "suppressed": True,
            }
        return {
            "students": len(self.students),
            "engagements": self.engagements,
            "completed": self.completed,
            "completion_rate": round(self.completed / self.engagements, 3),
            "paid": self.paid,
            "unpaid": self.unpaid,
            "hours": self.hours,
            "stipend_totals": (
                dict(sorted(self.stipend_totals.items()))
                if len(self.stipend_students) >= SUPPRESSION_THRESHOLD
                else None
            ),
            "suppressed": False,
        }


def careers_report_summary(
    *,
    access: CareersAccess,
    date_from: date | None = None,
    date_to: date | None = None,
    group_by: str | None = None,
    term: str | None = None,
    major: str | None = None,
) -> tuple[dict[str, Any], set[int]]:
    """The report, and the students it was computed from (for the disclosure log)."""
    engagements = Engagement.objects.filter(drafter__in=access.students(PARTICIPATION))
    if date_from:
        engagements = engagements.filter(created_at__date__gte=date_from)
    if date_to:
        engagements = engagements.filter(created_at__date__lte=date_to)
    values: QuerySet[Engagement, Any] = engagements.values(
        "pk",
        "drafter_id",
        "task_id",
        "state",
        "created_at",
        "task__estimated_hours",
        "task__stipend_amount",
        "task__stipend_currency",
    ).order_by("pk")
    rows: list[dict[str, Any]] = list(values)
    majors = dict(
        InstitutionMembership.objects.filter(
            institution=access.institution,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            user_id__in={row["drafter_id"] for row in rows},
        ).values_list("user_id", "programme")
    )
    if term:
        rows = [row for row in rows if term_of(row["created_at"].date()) == term]
    if major:
        rows = [row for row in rows if (majors.get(row["drafter_id"]) or "") == major]
    amounts_visible = set(
        access.students(STIPEND_AMOUNTS)
        .filter(pk__in={row["drafter_id"] for row in rows})
        .values_list("pk", flat=True)
    )
    task_skills: dict[int, list[str]] = defaultdict(list)
    for task_id, name in (
        Task.skills.through.objects.filter(task_id__in={row["task_id"] for row in rows})
        .order_by("skill__name")
        .values_list("task_id", "skill__name")
    ):
        task_skills[task_id].append(name)

    totals = _Cell()
    groups: dict[str, _Cell] = defaultdict(_Cell)
    skill_students: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        shows_amount = row["drafter_id"] in amounts_visible
        totals.add(row, shows_amount=shows_amount)
        for name in task_skills[row["task_id"]]:
            skill_students[name].add(row["drafter_id"])
        for key in _group_keys(row, group_by, majors, task_skills):
            groups[key].add(row, shows_amount=shows_amount)

    ranked = sorted(
        (
            (len(students), name)
            for name, students in skill_students.items()
            if len(students) >= SUPPRESSION_THRESHOLD
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    top_skills = [{"skill": name, "students": count} for count, name in ranked[:TOP_SKILLS]]
    report = {
        "from": date_from,
        "to": date_to,
        "group_by": group_by,
        "suppression_threshold": SUPPRESSION_THRESHOLD,
        "totals": totals.as_dict(),
        "groups": [{"key": key, **groups[key].as_dict()} for key in sorted(groups)],
        "top_skills": top_skills,
        # Relationship outcomes (report-backs, projects/selectors/outcomes.py) need the
        # consent's `outcomes` scope: null until that scope reaches the careers API.
        "outcomes": None,
    }
    return report, totals.students


def _group_keys(
    row: dict[str, Any],
    group_by: str | None,
    majors: dict[int, str],
    task_skills: dict[int, list[str]],
) -> list[str]:
    if group_by == "term":
        return [term_of(row["created_at"].date())]
    if group_by == "month":
        return [row["created_at"].strftime("%Y-%m")]
    if group_by == "major":
        return [majors.get(row["drafter_id"]) or "Not given"]
    if group_by == "skill":
        return task_skills[row["task_id"]] or ["No skill listed"]
    return []


def careers_report_filters(*, access: CareersAccess) -> dict[str, list[str]]:
    """The terms and majors that can be chosen as filters (values only, no counts)."""
    students = access.students(PARTICIPATION)
    created = Engagement.objects.filter(drafter__in=students).values_list("created_at", flat=True)
    majors = (
        InstitutionMembership.objects.filter(
            institution=access.institution,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            user__in=students,
        )
        .exclude(programme="")
        .values_list("programme", flat=True)
        .distinct()
    )
    return {
        "terms": sorted({term_of(day.date()) for day in created}),
        "majors": sorted(set(majors)),
    }


REPORT_CSV_COLUMNS = (
    "group",
    "students",
    "engagements",
    "completed",
    "completion_rate",
    "paid",
    "unpaid",
    "hours",
    "stipend_totals",
    "suppressed",
)


def careers_report_csv_rows(report: dict[str, Any]) -> list[list[str]]:
    def line(key: str, cell: dict[str, Any]) -> list[str]:
        totals = cell["stipend_totals"]
        money = " ".join(f"{c.upper()} {v / 100:.2f}" for c, v in totals.items()) if totals else ""
        values = [cell[name] for name in REPORT_CSV_COLUMNS[1:-2]]
        return [
            key,
            *("" if v is None else str(v) for v in values),
            money,
            str(cell["suppressed"]).lower(),
        ]

    rows = [list(REPORT_CSV_COLUMNS), line("All", report["totals"])]
    rows += [line(group["key"], group) for group in report["groups"]]
    return rows
