"""Consenting students as an institution sees them, and their participation.

Rows are plain dicts: the list is one query for the page plus one for the page's skills (listed
on profiles and drafted on tasks, one UNION) and one for outcomes. `changed_at` and the
student's id are stored on CareersStudent and kept in step by the careers hook
(services/summary.py) whenever anything the institution sees changes (profile, membership
details, consent, skills, applications, engagements, ratings, report-backs), so `updated_since`
is an indexed range read; students who stopped consenting come back as removals.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from accounts.models import Consent, InstitutionMembership, User, UserSkill
from projects.careers.access import PARTICIPATION, CareersAccess
from projects.careers.models import CareersStudent
from projects.careers.selectors.student_cohort import careers_students_in_cohort
from projects.models import Application, Engagement
from projects.selectors.outcomes import outcome_counts_for_drafters

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# The students file's outcome columns, in the order the students table shows them.
OUTCOME_KINDS = ("introduction", "referral", "repeat_work", "job_offer")


def subquery_count(queryset: QuerySet, group_field: str) -> Coalesce:
    counted = queryset.order_by().values(group_field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _membership(access: CareersAccess) -> QuerySet[InstitutionMembership]:
    return InstitutionMembership.objects.filter(
        user=OuterRef("pk"),
        institution=access.institution,
        role=InstitutionMembership.Role.STUDENT,
        ended_at__isnull=True,
    )


def careers_students(
    *, access: CareersAccess, updated_since: datetime | None = None
) -> QuerySet[User, Any]:
    membership = _membership(access)
    applications = Application.objects.filter(drafter=OuterRef("pk"))
    engagements = Engagement.objects.filter(drafter=OuterRef("pk"))
    rows = access.students(PARTICIPATION)
    if updated_since is not None:
        # EXISTS, not an IN list: SQLite computed every column of every changed student before
        # sorting them (a nightly sync = the whole institution); this walks users in id order
        # (the cursor's) and computes columns only for the page.
        changed = CareersStudent.objects.filter(
            institution=access.institution, student=OuterRef("pk"), changed_at__gt=updated_since
        )
        rows = rows.filter(Exists(changed))
    # The student's one active consent and one stored row here as LEFT JOINs (both are unique
    # per student and institution, so no row repeats): seven subqueries fewer for Django to
    # build and compile on every page, the same values.
    rows = rows.annotate(
        active_consent=FilteredRelation(
            "consents",
            condition=Q(consents__institution=access.institution, consents__revoked_at=None),
        ),
        stored_row=FilteredRelation(
            "careers_rows", condition=Q(careers_rows__institution=access.institution)
        ),
    ).annotate(
        public_id=F("stored_row__public_id"),
        consent_granted_at=F("active_consent__granted_at"),
        consent_evaluations=F("active_consent__evaluations"),
        consent_stipend_amounts=F("active_consent__stipend_amounts"),
        consent_outcomes=F("active_consent__outcomes"),
        programme=Subquery(membership.values("programme")[:1]),
        class_year=Subquery(membership.values("class_year")[:1]),
        applications_count=subquery_count(applications, "drafter"),
        engagements_count=subquery_count(engagements, "drafter"),
        completed_count=subquery_count(
            engagements.filter(state=Engagement.State.COMPLETED), "drafter"
        ),
        changed_at=Coalesce(
            F("stored_row__changed_at"),
            Greatest(
                "profile__updated_at",
                Coalesce(
                    F("active_consent__granted_at"), Value(EPOCH, output_field=DateTimeField())
                ),
            ),
        ),
    )
    return rows.values(
        "pk",
        "public_id",
        "profile__display_name",
        "profile__handle",
        "programme",
        "class_year",
        "consent_granted_at",
        "consent_evaluations",
        "consent_stipend_amounts",
        "consent_outcomes",
        "applications_count",
        "engagements_count",
        "completed_count",
        "changed_at",
    )


def careers_students_removed(*, access: CareersAccess, since: datetime) -> list[str]:
    """Students who stopped being visible since `since` (consent revoked or narrowed, or
    membership ended) and are not visible now, among those the office could once see: the
    client deletes its copy."""
    # Only students the office could once see (a participation consent was in force at some
    # point) may be reported: naming anyone else would tell the office about a student who
    # never agreed to share anything, not even that they were there.
    shared = Consent.objects.filter(institution=access.institution, participation=True)
    revoked = shared.filter(revoked_at__gt=since).values_list("student_id", flat=True)
    ended = InstitutionMembership.objects.filter(
        institution=access.institution,
        role=InstitutionMembership.Role.STUDENT,
        ended_at__gt=since,
        user__in=shared.values("student"),
    ).values_list("user_id", flat=True)
    # Who went, then which of them are visible again: one query (a UNION) when nobody went,
    # the usual sync, where testing visibility in each arm compiled and ran it twice.
    gone = set(revoked.order_by().union(ended.order_by()))
    if not gone:
        return []
    ids, gone_ids = set(gone), sorted(gone)
    for start in range(0, len(gone_ids), _CSV_BATCH):  # a bounded IN list, however long ago
        chunk = gone_ids[start : start + _CSV_BATCH]
        ids -= set(access.students(PARTICIPATION).filter(pk__in=chunk).values_list("pk", flat=True))
    return sorted(access.student_public_id(pk) for pk in ids)


def careers_student_rows_shape(
    *, access: CareersAccess, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The public shape of a page of student rows, with their skills and (for students who
    share them) outcome counts: one query for the skills, one for the outcomes."""
    sharing = [row["pk"] for row in rows if row["consent_outcomes"]]
    outcomes = outcome_counts_for_drafters(user_ids=sharing) if sharing else {}
    page = [row["pk"] for row in rows]
    listed = UserSkill.objects.filter(user_id__in=page).values_list("user_id", "skill__name")
    # The skills of the tasks they drafted on count too (part of the participation they share):
    # the dashboard's "Top skills" are those, and a student rarely lists every one on a profile.
    drafted = (
        Engagement.objects.filter(drafter_id__in=page)
        .exclude(task__skills=None)
        .values_list("drafter_id", "task__skills__name")
    )
    # One query (a UNION, which also drops a drafted skill the profile lists): a skill's name
    # is unique (its search key is), so no name is lost that the page should show twice.
    skills: dict[int, list[str]] = {}
    for user_id, name in listed.order_by().union(drafted.order_by()):
        skills.setdefault(user_id, []).append(name)
    for names in skills.values():
        names.sort()
    return [
        {
            "id": row["public_id"] or access.student_public_id(row["pk"]),
            "name": row["profile__display_name"] or row["profile__handle"] or "",
            "programme": row["programme"] or None,
            "class_year": row["class_year"],
            "skills": skills.get(row["pk"], []),
            "counts": {
                "applications": row["applications_count"],
                "engagements": row["engagements_count"],
                "completed_engagements": row["completed_count"],
            },
            "consent": {
                "scopes": [
                    scope
                    for scope, given in (
                        ("participation", True),
                        ("evaluations", row["consent_evaluations"]),
                        ("stipend_amounts", row["consent_stipend_amounts"]),
                        ("outcomes", row["consent_outcomes"]),
                    )
                    if given
                ],
                "granted_at": row["consent_granted_at"],
            },
            # Drafts that led to each outcome; null unless the student shares outcomes.
            "outcomes": outcomes.get(row["pk"]),
            "updated_at": row["changed_at"],
        }
        for row in rows
    ]


def careers_student_row(*, access: CareersAccess, student_id: int) -> dict[str, Any] | None:
    row = careers_students(access=access).filter(pk=student_id).first()
    return careers_student_rows_shape(access=access, rows=[row])[0] if row else None


def careers_student_applications(*, access: CareersAccess, student_id: int) -> list[dict[str, Any]]:
    if not access.students(PARTICIPATION).filter(pk=student_id).exists():
        return []
    rows = (
        Application.objects.filter(drafter_id=student_id)
        .order_by("created_at", "pk")
        .values("pk", "task_id", "task__title", "state", "created_at", "updated_at")
    )
    return [
        {
            "id": row["pk"],
            "task": {"id": row["task_id"], "title": row["task__title"]},
            "state": row["state"],
            "applied_at": row["created_at"],
            "updated_at": row["updated_at"],
        }
        for row in rows
    ]


STUDENTS_CSV_COLUMNS = (
    "id",
    "name",
    "programme",
    "class_year",
    "skills",
    "applications",
    "engagements",
    "completed",
    "shares_outcomes",
    *OUTCOME_KINDS,
    "last_activity",
)
_CSV_BATCH = 500


def careers_student_ids(
    *, access: CareersAccess, filters: dict[str, Any] | None = None
) -> list[int]:
    """The consenting students a download will hold (of the list's term, programme and class
    year when `filters` name them), in id order (one query): logged before the file is
    written, so the file never holds a student the log does not name."""
    rows = careers_students_in_cohort(
        access.students(PARTICIPATION), access=access, filters=filters or {}
    )
    return list(rows.order_by("pk").values_list("pk", flat=True))


def careers_students_csv_rows(
    *, access: CareersAccess, student_ids: list[int]
) -> Iterator[list[Any]]:
    """The students list as CSV rows, the students table's columns, among `student_ids` and
    only while they still share: outcome counts only for students who share outcomes (empty
    cells otherwise, and `shares_outcomes` says which). Three queries per 500 students, so a
    large office streams in bounded memory."""
    yield list(STUDENTS_CSV_COLUMNS)
    for start in range(0, len(student_ids), _CSV_BATCH):
        chunk = student_ids[start : start + _CSV_BATCH]
        rows = list(careers_students(access=access).filter(pk__in=chunk).order_by("pk"))
        for row in careers_student_rows_shape(access=access, rows=rows):
            outcomes = row["outcomes"]
            yield [
                row["id"],
                row["name"],
                row["programme"],
                row["class_year"],
                "; ".join(row["skills"]),
                row["counts"]["applications"],
                row["counts"]["engagements"],
                row["counts"]["completed_engagements"],
                "yes" if outcomes is not None else "no",
                *(
                    [outcomes.get(kind, 0) for kind in OUTCOME_KINDS]
                    if outcomes is not None
                    else [None] * len(OUTCOME_KINDS)
                ),
                row["updated_at"].date().isoformat() if row["updated_at"] else None,
            ]
