"""The database session store, reading a session with one statement written once.

Every signed-in request without Redis (SQLite, or any deployment without CACHE_URL) loads its
session from the database; Django's store builds and compiles that ORM query each time, which
cost about as much as a signed-in browse request's own query. Same row, same rule (the key and
an expiry in the future), same outcome when there is none; writes are Django's."""

from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from marketplace.database import instance_from_values, quoted_columns


@cache
def _sql(vendor: str) -> str:
    column, table = quoted_columns(Session), connection.ops.quote_name(Session._meta.db_table)
    return (
        f"SELECT {', '.join(column.values())} FROM {table}"  # noqa: S608 — identifiers from the model
        f" WHERE {column['session_key']} = %s AND {column['expire_date']} > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_sql(connection.vendor), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return instance_from_values(Session, row)
