"""Which students an institution's summary report counts (every student whose contribution to
its SummaryCells is not empty), cached under a version that the summary hook changes.

A report logs the counted set (services/disclosures.py). Reading it from the CareersStudent
rows visits every row of the office, each with its stored contribution (a few KB): a millisecond
at 500 students, growing with them, on every report. The set changes only when a student starts
or stops counting, which services/summary.py sees happen: it calls counted_students_changed,
which gives the institution a new version at once and again when the transaction commits (so a
report that read the rows just before the commit cannot keep its set under the new version).
A report reads the cached set of the current version, or the rows once for a new version.
"""

import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

COUNTED_SECONDS = 600  # a set is kept this long (a deleted row's student leaves it by then)


def _version_key(institution_id: int) -> str:
    return f"careers-counted-version:{institution_id}"


def _version(institution_id: int) -> str:
    key = _version_key(institution_id)
    if (version := cache.get(key)) is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version or ""


def _versions_renew(institution_ids: set[int]) -> None:
    cache.set_many({_version_key(i): uuid.uuid4().hex for i in institution_ids}, None)


def counted_students_changed(*, institution_ids: Iterable[int]) -> None:
    """Some student of these institutions started or stopped counting: renew their version
    now and once the transaction commits."""
    ids = set(institution_ids)
    if not ids:
        return
    _versions_renew(ids)
    transaction.on_commit(lambda: _versions_renew(ids))


def counted_students_cached(*, institution_id: int, load: Callable[[], set[int]]) -> set[int]:
    """The counted set of the institution's current version; `load` reads it from the rows
    when this version has none yet (or when the cache does not work)."""
    version = _version(institution_id)
    if not version:
        return load()
    key = f"careers-counted:{institution_id}:{version}"
    if (ids := cache.get(key)) is None:
        ids = load()
        cache.set(key, ids, COUNTED_SECONDS)
    return set(ids)
