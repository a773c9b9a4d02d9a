"""The careers summary table, kept in step with every change to a student's activity.

The lifecycle (applications, engagements, feedback, report-backs) and accounts (consent,
membership, cohort details, profile) call `marketplace.events.student_activity_changed(...)` inside
their own transaction; careers subscribes `careers_students_sync` in its AppConfig.ready. For each
institution the student belongs to, it takes away what the student added to the SummaryCells
before (stored on their CareersStudent row), recomputes the student's contribution from their own
rows (a few queries, whatever the size of the institution), adds it, and stamps `changed_at`.
`careers_summary_rebuild` recomputes every cell from scratch with the same function, so the
incremental table and a rebuild agree by construction — and a test checks they do.

Only consenting students count: no participation consent, no contribution; amounts only with
`stipend_amounts`, outcomes only with `outcomes`. Revoking therefore empties the student's cells
in the same transaction as the revocation.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Consent, InstitutionMembership
from projects.careers.counted import counted_students_changed
from projects.careers.models import CareersStudent, SummaryCell
from projects.careers.summary_terms import (
    COUNTERS,
    KEY_FIELDS,
    NO_SKILL,
    OUTCOME_COUNTERS,
    Key,
    student_public_id_make,
    term_of,
)
from projects.locks import careers_student_lock, summary_cells_lock
from projects.models import Application, Engagement, ReportBack, Task


def _periods(day: date) -> list[tuple[str, str]]:
    return [
        (SummaryCell.Grain.ALL, ""),
        (SummaryCell.Grain.TERM, term_of(day)),
        (SummaryCell.Grain.MONTH, day.strftime("%Y-%m")),
    ]


def careers_contribution_compute(*, institution_id: int, user_id: int) -> list[list[Any]]:
    """What one student adds to one institution's cells right now, as stored JSON:
    [[grain, period, programme, class_year, skill], {counter: n, "stipend_totals": {...}}]."""
    membership = (
        InstitutionMembership.objects.filter(
            institution_id=institution_id,
            user_id=user_id,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            user__is_active=True,
        )
        .values("programme", "class_year")
        .first()
    )
    consent = Consent.objects.filter(
        institution_id=institution_id, student_id=user_id, revoked_at__isnull=True
    ).first()
    if membership is None or consent is None or not consent.participation:
        return []
    cohort = (membership["programme"] or "", membership["class_year"] or 0)
    engagements = list(
        Engagement.objects.filter(drafter_id=user_id).values(
            "pk",
            "state",
            "created_at",
            "task_id",
            "task__estimated_hours",
            "task__stipend_amount",
            "task__stipend_currency",
        )
    )
    applications = list(
        Application.objects.filter(drafter_id=user_id).values("created_at", "task_id")
    )
    task_ids = {row["task_id"] for row in engagements} | {row["task_id"] for row in applications}
    skills: dict[int, list[str]] = defaultdict(list)
    for task_id, name in Task.skills.through.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "skill__name"
    ):
        skills[task_id].append(name)
    outcomes: dict[int, set[str]] = defaultdict(set)
    if consent.outcomes:
        for engagement_id, told in ReportBack.objects.filter(
            engagement__drafter_id=user_id, engagement__state=Engagement.State.COMPLETED
        ).values_list("engagement_id", "outcomes"):
            outcomes[engagement_id].update(told)

    cells: dict[Key, dict[str, Any]] = defaultdict(lambda: {"stipend_totals": {}})
    flags: dict[Key, set[str]] = defaultdict(set)

    def keys(day: date, task_id: int) -> list[Key]:
        return [
            (grain, period, *cohort, skill)
            for grain, period in _periods(day)
            for skill in ("", *(skills.get(task_id) or [NO_SKILL]))
        ]

    for row in applications:
        for key in keys(row["created_at"].date(), row["task_id"]):
            flags[key].add("applied_students")
    for row in engagements:
        completed = row["state"] == Engagement.State.COMPLETED
        amount = row["task__stipend_amount"] or 0
        told = outcomes.get(row["pk"], set())
        for key in keys(row["created_at"].date(), row["task_id"]):
            cell = cells[key]
            flags[key].add("students")
            cell["engagements"] = cell.get("engagements", 0) + 1
            cell["hours"] = cell.get("hours", 0) + (row["task__estimated_hours"] or 0)
            if completed:
                flags[key].add("completed_students")
                cell["completed"] = cell.get("completed", 0) + 1
            counter = "paid" if amount else "unpaid"
            cell[counter] = cell.get(counter, 0) + 1
            if amount and consent.stipend_amounts:
                flags[key].add("stipend_students")
                currency = row["task__stipend_currency"]
                cell["stipend_totals"][currency] = cell["stipend_totals"].get(currency, 0) + amount
            if consent.outcomes:
                flags[key].add("outcome_sharing_students")
                if told:
                    flags[key].add("outcome_students")
                for outcome in told:
                    if outcome in OUTCOME_COUNTERS:
                        name = OUTCOME_COUNTERS[outcome]
                        cell[name] = cell.get(name, 0) + 1
    contribution = []
    for key in sorted(set(cells) | set(flags)):
        counters = dict(cells.get(key, {"stipend_totals": {}}))
        for flag in flags.get(key, ()):
            counters[flag] = 1
        if not counters["stipend_totals"]:
            counters.pop("stipend_totals")
        contribution.append([list(key), counters])
    return contribution


def _as_map(contribution: list[list[Any]]) -> dict[Key, dict[str, Any]]:
    return {tuple(key): counters for key, counters in contribution}


def _cells_apply(*, institution_id: int, old: list[list[Any]], new: list[list[Any]]) -> None:
    """Add (new - old) to the institution's cells; a cell left empty is deleted."""
    before, after = _as_map(old), _as_map(new)
    deltas: dict[Key, dict[str, Any]] = {}
    for key in set(before) | set(after):
        b, a = before.get(key, {}), after.get(key, {})
        if a == b:
            continue
        delta: dict[str, Any] = {name: a.get(name, 0) - b.get(name, 0) for name in COUNTERS}
        money_b, money_a = b.get("stipend_totals", {}), a.get("stipend_totals", {})
        delta["stipend_totals"] = {
            c: money_a.get(c, 0) - money_b.get(c, 0) for c in set(money_a) | set(money_b)
        }
        deltas[key] = delta
    if not deltas:
        return
    SummaryCell.objects.bulk_create(
        [
            SummaryCell(institution_id=institution_id, **dict(zip(KEY_FIELDS, key, strict=True)))
            for key in deltas
        ],
        ignore_conflicts=True,
    )
    match = Q()
    for key in deltas:
        match |= Q(**dict(zip(KEY_FIELDS, key, strict=True)))
    ids = list(
        SummaryCell.objects.filter(match, institution_id=institution_id).values_list(
            "pk", flat=True
        )
    )
    changed, empty = [], []
    for cell in summary_cells_lock(cell_ids=ids):
        delta = deltas[(cell.grain, cell.period, cell.programme, cell.class_year, cell.skill)]
        for name in COUNTERS:
            setattr(cell, name, getattr(cell, name) + delta[name])
        money = dict(cell.stipend_totals)
        for currency, amount in delta["stipend_totals"].items():
            money[currency] = money.get(currency, 0) + amount
        cell.stipend_totals = {c: v for c, v in sorted(money.items()) if v}
        if not any(getattr(cell, name) for name in COUNTERS) and not cell.stipend_totals:
            empty.append(cell.pk)
        else:
            changed.append(cell)
    SummaryCell.objects.bulk_update(changed, [*COUNTERS, "stipend_totals"])
    SummaryCell.objects.filter(pk__in=empty).delete()


def _careers_student_get_locked(*, institution_id: int, user_id: int) -> CareersStudent:
    row = careers_student_lock(institution_id=institution_id, student_id=user_id)
    if row is None:
        CareersStudent.objects.bulk_create(
            [
                CareersStudent(
                    institution_id=institution_id,
                    student_id=user_id,
                    public_id=student_public_id_make(
                        institution_id=institution_id, user_id=user_id
                    ),
                    changed_at=timezone.now(),
                )
            ],
            ignore_conflicts=True,
        )
        row = careers_student_lock(institution_id=institution_id, student_id=user_id)
    assert row is not None
    return row


def careers_students_sync(*, user_ids: Iterable[int], what: str = "activity") -> None:
    """The careers hook (subscribed to STUDENT_ACTIVITY_CHANGED): for each institution each
    student belongs to (or belonged to, while they still have cells there), stamp the change
    time and — unless only the profile changed — replace their contribution to the cells."""
    ids = sorted(set(user_ids))
    institutions: dict[int, set[int]] = defaultdict(set)
    for user_id, institution_id in InstitutionMembership.objects.filter(
        user_id__in=ids, role=InstitutionMembership.Role.STUDENT, ended_at__isnull=True
    ).values_list("user_id", "institution_id"):
        institutions[user_id].add(institution_id)
    for user_id, institution_id in CareersStudent.objects.filter(student_id__in=ids).values_list(
        "student_id", "institution_id"
    ):
        institutions[user_id].add(institution_id)
    now = timezone.now()
    recounted: set[int] = set()
    with transaction.atomic():
        for user_id in ids:
            for institution_id in sorted(institutions[user_id]):
                row = _careers_student_get_locked(institution_id=institution_id, user_id=user_id)
                row.changed_at = max(now, row.changed_at)
                if what != "profile":
                    new = careers_contribution_compute(
                        institution_id=institution_id, user_id=user_id
                    )
                    _cells_apply(institution_id=institution_id, old=row.contribution, new=new)
                    if bool(new) != bool(row.contribution):
                        recounted.add(institution_id)  # the student starts or stops counting
                    row.contribution = new
                row.save(update_fields=["changed_at", "contribution"])
        counted_students_changed(institution_ids=recounted)


def careers_summary_rebuild(*, institution_ids: Iterable[int] | None = None) -> int:
    """Recompute every cell (of some institutions, or all) from the students' own rows, and
    make missing CareersStudent rows. Change times are kept: a rebuild changes nothing an
    office can see. Returns the number of students recomputed."""
    memberships = InstitutionMembership.objects.filter(
        role=InstitutionMembership.Role.STUDENT, ended_at__isnull=True
    )
    rows = CareersStudent.objects.all()
    cells = SummaryCell.objects.all()
    if institution_ids is not None:
        chosen = list(institution_ids)
        memberships = memberships.filter(institution_id__in=chosen)
        rows = rows.filter(institution_id__in=chosen)
        cells = cells.filter(institution_id__in=chosen)
    pairs = set(memberships.values_list("institution_id", "user_id"))
    pairs |= set(rows.values_list("institution_id", "student_id"))
    now = timezone.now()
    with transaction.atomic():
        cells_before = set(cells.values_list("institution_id", flat=True).distinct())
        cells.delete()
        existing = {(r.institution_id, r.student_id): r for r in rows}
        totals: dict[tuple[int, Key], dict[str, Any]] = {}
        for institution_id, user_id in sorted(pairs):
            contribution = careers_contribution_compute(
                institution_id=institution_id, user_id=user_id
            )
            row = existing.get((institution_id, user_id))
            if row is None:
                row = CareersStudent(
                    institution_id=institution_id,
                    student_id=user_id,
                    public_id=student_public_id_make(
                        institution_id=institution_id, user_id=user_id
                    ),
                    changed_at=now,
                )
            row.contribution = contribution
            row.save()
            for key, counters in contribution:
                total = totals.setdefault((institution_id, tuple(key)), {"stipend_totals": {}})
                for name in COUNTERS:
                    total[name] = total.get(name, 0) + counters.get(name, 0)
                for currency, amount in counters.get("stipend_totals", {}).items():
                    total["stipend_totals"][currency] = (
                        total["stipend_totals"].get(currency, 0) + amount
                    )
        SummaryCell.objects.bulk_create(
            [
                SummaryCell(
                    institution_id=institution_id,
                    **dict(zip(KEY_FIELDS, key, strict=True)),
                    **{name: total[name] for name in COUNTERS},
                    stipend_totals=dict(sorted(total["stipend_totals"].items())),
                )
                for (institution_id, key), total in sorted(totals.items())
            ],
            batch_size=500,
        )
        counted_students_changed(
            institution_ids={institution_id for institution_id, _ in pairs} | set(cells_before)
        )
    return len(pairs)
