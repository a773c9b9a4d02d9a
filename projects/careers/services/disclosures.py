"""The disclosure log: written once per API response that disclosed student data.

A read of named students (a page of the students list, one student's participation, an export)
lists them on its Disclosure row: a page's worth of rows. An aggregate read (the summary report,
whose fields are all `aggregate:...`) counts every consenting student of the office, so listing
them per request would write O(students) rows on every report; it points instead at the
DisclosureSnapshot of the counted set — content-addressed, written only when the set changes —
and the student's log joins through it. What each student sees is the same either way.
"""

import hashlib
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from projects.careers.access import CareersAccess
from projects.careers.models import Disclosure, DisclosureSnapshot

AGGREGATE_PREFIX = "aggregate:"


def disclosure_snapshot_digest(student_ids: list[int]) -> str:
    """The content address of a counted set: SHA-256 of its sorted ids."""
    return hashlib.sha256(",".join(map(str, sorted(student_ids))).encode()).hexdigest()


def disclosure_snapshot_get_or_create(
    *, institution_id: int, student_ids: list[int]
) -> DisclosureSnapshot:
    """The snapshot of exactly these students: an indexed lookup when the set was seen before
    (the usual case: the counted set changes far less often than it is read), else one insert
    of the snapshot and one of its members."""
    digest = disclosure_snapshot_digest(student_ids)
    found = DisclosureSnapshot.objects.filter(institution_id=institution_id, digest=digest).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            snapshot = DisclosureSnapshot.objects.create(
                institution_id=institution_id, digest=digest, student_count=len(student_ids)
            )
            members = DisclosureSnapshot.students.through
            members.objects.bulk_create(
                [members(disclosuresnapshot_id=snapshot.pk, user_id=pk) for pk in student_ids],
                batch_size=500,
            )
    except IntegrityError:
        # A concurrent report stored the same set first (the unique digest waited for its
        # commit, members included): use that one.
        return DisclosureSnapshot.objects.get(institution_id=institution_id, digest=digest)
    return snapshot


def disclosure_record(
    *, access: CareersAccess, endpoint: str, fields: Iterable[str], student_ids: Iterable[int]
) -> Disclosure | None:
    ids = sorted(set(student_ids))
    if not ids:
        return None
    fields = sorted(set(fields))
    aggregate = bool(fields) and all(f.startswith(AGGREGATE_PREFIX) for f in fields)
    snapshot = (
        disclosure_snapshot_get_or_create(institution_id=access.institution.pk, student_ids=ids)
        if aggregate
        else None
    )
    disclosure = Disclosure.objects.create(
        institution=access.institution,
        api_key=access.api_key,
        api_key_label=str(access.api_key) if access.api_key else "",
        staff_user=access.staff.user if access.staff else None,
        endpoint=endpoint[:200],
        fields=fields,
        snapshot=snapshot,
        student_count=len(ids),
    )
    if snapshot is None:
        # The rows straight in, not `students.add()`: add() wraps its one INSERT in a
        # transaction of its own (BEGIN, INSERT OR IGNORE, COMMIT) to guard against duplicates a
        # disclosure made a line above cannot have. A page of a list is one batch: one query.
        members = Disclosure.students.through
        members.objects.bulk_create(
            [members(disclosure_id=disclosure.pk, user_id=pk) for pk in ids], batch_size=500
        )
    return disclosure
