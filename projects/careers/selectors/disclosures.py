"""Reads of the disclosure log: an institution's own, and a student's "who saw my data"."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import Consent, User
from projects.careers.access import CareersAccess
from projects.careers.models import CareersStudent, Disclosure, DisclosureSnapshot
from projects.careers.selectors.office_people import staff_name_for_student
from projects.careers.selectors.people import staff_name


def disclosures_for_institution(*, access: CareersAccess) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(institution=access.institution).select_related(
        "institution", "staff_user__profile"
    )


# The only field of a summary file whose every figure was hidden (fewer than 5 students): the
# office's log says so instead of a count, and the student is not told of it, since no figure
# in the file shows anything of theirs (its rows name only groups, as the report's filter
# choices do).
EVERY_FIGURE_HIDDEN = "aggregate:every_figure_hidden"


def disclosures_for_student(*, student: User) -> QuerySet[Disclosure]:
    """Reads that named the student, and aggregate reads whose counted set (a snapshot, see
    services/disclosures.py) included them: two indexed lookups by the student. A file whose
    every figure was hidden reached the office with nothing of theirs: not listed."""
    named = Disclosure.students.through.objects.filter(user=student).values("disclosure_id")
    counted = DisclosureSnapshot.students.through.objects.filter(user=student).values(
        "disclosuresnapshot_id"
    )
    return (
        Disclosure.objects.filter(Q(pk__in=named) | Q(snapshot__in=counted))
        .exclude(fields=[EVERY_FIGURE_HIDDEN])
        .select_related("institution", "staff_user__profile")
    )


# What each logged field means to the student, in plain words and in the order a line names
# them (the log keeps the raw names). Each of the office's columns by its own name, never a
# word no page explains ("profile summary"); an aggregate field names the part it counts.
_PLAIN_PARTS = (
    ({"name"}, "name"),
    ({"programme"}, "programme"),
    ({"class_year"}, "class year"),
    ({"skills"}, "skills"),
    ({"applications", "engagements", "counts", "aggregate:participation"}, "participation"),
    ({"competencies"}, "ratings"),
    ({"stipend_amounts", "aggregate:stipend_amounts"}, "stipend amounts"),
    ({"outcomes", "aggregate:outcomes"}, "outcomes"),
)
# The students list and its CSV hold how many applications and engagements a student had, not
# the applications and engagements themselves: their participation (the consent form's word,
# which covers both) as numbers, said so when nothing read them as a list.
_COUNTED_PARTICIPATION = (
    "participation (numbers of applications, engagements and completed engagements)"
)


def disclosure_parts_named(*, fields: set[str]) -> list[str]:
    """The parts of a student's data that logged `fields` held, in the words the student
    reads: ["name", "programme", "class year", "skills", "participation (numbers of
    applications, engagements and completed engagements)", "outcomes"] for the students list."""
    parts = [label for names, label in _PLAIN_PARTS if names & fields]
    if "counts" in fields and not fields & {"applications", "engagements"}:
        parts = [_COUNTED_PARTICIPATION if p == "participation" else p for p in parts]
    return parts


_PLAIN_DETAIL = {
    "applications": "applications",
    "engagements": "engagements",
    "competencies": "ratings",
}
_AGGREGATES = {
    "aggregate:participation": "participation",
    "aggregate:stipend_amounts": "stipend amounts",
    "aggregate:outcomes": "outcomes",
}


# The consent scope a logged field needs beyond participation (without which nothing about the
# student is disclosed at all). The log keeps what the endpoint can disclose; each student's own
# consent at that moment decided what of it reached the office for them.
_FIELD_SCOPE = {
    "competencies": Consent.Scope.EVALUATIONS,
    "stipend_amounts": Consent.Scope.STIPEND_AMOUNTS,
    "outcomes": Consent.Scope.OUTCOMES,
    "aggregate:stipend_amounts": Consent.Scope.STIPEND_AMOUNTS,
    "aggregate:outcomes": Consent.Scope.OUTCOMES,
}


def disclosure_fields_delivered(*, fields: list[str], scopes: list[str]) -> list[str]:
    """The fields of a disclosure that reached the office for a student who shared `scopes`:
    a field under a scope they did not share was withheld from them, so it is never named."""
    return [f for f in fields if f not in _FIELD_SCOPE or _FIELD_SCOPE[f] in scopes]


def disclosure_scopes_at(
    consents: list[Consent], *, institution_id: int, at: datetime
) -> list[str]:
    """The scopes of the consent in force for that institution at `at` (consents are never
    edited, so the history answers exactly); none if the student had never consented then."""
    before = [c for c in consents if c.institution_id == institution_id and c.granted_at <= at]
    return max(before, key=lambda c: c.granted_at).scopes if before else []


def disclosures_shape_for_student(*, student: User, rows: list[Disclosure]) -> list[dict]:
    """A page of the student's log, each row naming only what their consent let through."""
    consents = list(
        Consent.objects.filter(
            student=student, institution_id__in={row.institution_id for row in rows}
        )
    )
    return [
        disclosure_shape(
            row,
            for_student=True,
            scopes=disclosure_scopes_at(
                consents, institution_id=row.institution_id, at=row.created_at
            ),
        )
        for row in rows
    ]


def disclosure_plain_words(
    *, institution: str, fields: list[str], by_system: bool, person: str = ""
) -> str:
    """ "Ana Ruiz at Riverbend University's career office read your participation (engagements,
    ratings)" — the office's own system when a key read it; for a report, that the student was
    counted in anonymous totals. The site's wording: "<institution>'s career office"."""
    who = f"{institution}'s career office" + (", through its own system," if by_system else "")
    if person and not by_system:
        who = f"{person} at {who}"
    given = set(fields)
    aggregates = [label for name, label in _AGGREGATES.items() if name in given]
    if aggregates and not given - set(_AGGREGATES):
        return f"{who} counted you in anonymous totals ({', '.join(aggregates)})"
    parts = disclosure_parts_named(fields=given)
    details = [label for name, label in _PLAIN_DETAIL.items() if name in given]
    text = f"{who} read your {_join(parts) or 'shared data'}"
    return f"{text} ({', '.join(details)})" if details else text


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def disclosure_shape(
    row: Disclosure, *, for_student: bool = False, scopes: list[str] | None = None
) -> dict[str, Any]:
    """One log row; for the student (`scopes`: their consent at the time) only the fields
    delivered about them, in plain words, and whether it was an anonymous count."""
    staff = row.staff_user
    who = (
        {"kind": "api_key", "name": row.api_key_label}
        if row.api_key_label
        else {
            "kind": "staff",
            "name": (staff_name_for_student if for_student else staff_name)(
                staff, institution=row.institution.name
            ),
        }
    )
    shaped = {
        "id": row.pk,
        "at": row.created_at,
        "institution": row.institution.name if for_student else None,
        "by": who,
        "endpoint": row.endpoint,
        "fields": row.fields,
        # A file whose every figure was hidden held nothing of any student: its count of
        # students is the number the hiding kept back (fewer than 5), so it is not shown.
        "student_count": 0 if row.fields == [EVERY_FIGURE_HIDDEN] else row.student_count,
    }
    if for_student:
        fields = disclosure_fields_delivered(fields=row.fields, scopes=scopes or [])
        shaped["fields"] = fields
        shaped.pop("student_count")
        shaped["kind"] = "aggregate" if fields and all(f in _AGGREGATES for f in fields) else "read"
        shaped["description"] = disclosure_plain_words(
            institution=row.institution.name,
            fields=fields,
            by_system=bool(row.api_key_label),
            person=who["name"] if staff else "",
        )
    else:
        shaped.pop("institution")
    return shaped


# The office's own log names the students it read, but only those who still share with it: a
# student who revoked has their name shown to the office never again, in any line or file.
NO_LONGER_SHARES = "a student who no longer shares with your office"


def _student_name(display_name: str, handle: str) -> str:
    # The name the office's pages show a student by (careers_student_rows_shape).
    return display_name or handle or "a student with no name given"


def disclosure_student_names(
    *, access: CareersAccess, public_ids: Iterable[str] = (), user_ids: Iterable[int] = ()
) -> dict[Any, str]:
    """Names of the students (by their id for this office, or by user id) who share their
    participation with the office now, in one query; anyone absent no longer shares."""
    wanted = Q(public_id__in=set(public_ids)) | Q(student_id__in=set(user_ids))
    rows = (
        CareersStudent.objects.filter(wanted, institution=access.institution)
        .filter(access.consenting("student_id"))
        .values_list(
            "public_id", "student_id", "student__profile__display_name", "student__profile__handle"
        )
    )
    names: dict[Any, str] = {}
    for public_id, user_id, display_name, handle in rows:
        names[public_id] = names[user_id] = _student_name(display_name, handle)
    return names
