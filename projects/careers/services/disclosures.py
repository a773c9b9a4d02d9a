"""The disclosure log: written once per API response that disclosed student data."""

from collections.abc import Iterable

from projects.careers.access import CareersAccess
from projects.careers.models import Disclosure


def disclosure_record(
    *, access: CareersAccess, endpoint: str, fields: Iterable[str], student_ids: Iterable[int]
) -> Disclosure | None:
    ids = sorted(set(student_ids))
    if not ids:
        return None
    disclosure = Disclosure.objects.create(
        institution=access.institution,
        api_key=access.api_key,
        api_key_label=str(access.api_key) if access.api_key else "",
        staff_user=access.staff.user if access.staff else None,
        endpoint=endpoint[:200],
        fields=sorted(set(fields)),
        student_count=len(ids),
    )
    disclosure.students.add(*ids)
    return disclosure
