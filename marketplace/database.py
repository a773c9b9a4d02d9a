"""How statements reach the database, where that is a choice of ours rather than Django's."""

import contextlib
from collections.abc import Iterator

from django.db import connection


@contextlib.contextmanager
def statements_planned_per_run() -> Iterator[None]:
    """PostgreSQL: run the statements inside without preparing them, so each run is planned for
    its own values. Prepared statements (DATABASE_PREPARED_STATEMENTS) end on a generic plan,
    which suits the hot reads whose values are ids. Where the best plan depends on how common
    the values are (a full-text query's words, a drafter's skills) the generic one can be far
    off: search at 100,000 tasks took 102 ms instead of 17 ms, and the by-skill pool 221 ms
    instead of 14 ms. Other databases and DATABASE_PREPARED_STATEMENTS=0: nothing changes."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    saved = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = saved
