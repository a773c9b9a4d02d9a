"""Reads of the disclosure log: an institution's own, and a student's "who saw my data"."""

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from projects.careers.access import CareersAccess
from projects.careers.models import Disclosure


def disclosures_for_institution(*, access: CareersAccess) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(institution=access.institution).select_related(
        "staff_user__profile"
    )


def disclosures_for_student(*, student: User) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(students=student).select_related(
        "institution", "staff_user__profile"
    )


def disclosure_shape(row: Disclosure, *, for_student: bool = False) -> dict[str, Any]:
    staff = row.staff_user
    who = (
        {"kind": "api_key", "name": row.api_key_label}
        if row.api_key_label
        else {
            "kind": "staff",
            "name": (staff.profile.display_name or staff.profile.handle) if staff else "",
        }
    )
    shaped = {
        "id": row.pk,
        "at": row.created_at,
        "institution": row.institution.name if for_student else None,
        "by": who,
        "endpoint": row.endpoint,
        "fields": row.fields,
        "student_count": row.student_count,
    }
    if for_student:
        shaped.pop("student_count")
    else:
        shaped.pop("institution")
    return shaped
