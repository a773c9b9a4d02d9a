"""The database session store, reading a session with one statement written once.

Every signed-in request without Redis (SQLite, or any deployment without CACHE_URL) loads its
session from the database; Django's store builds and compiles that ORM query each time, which
cost about as much as a signed-in browse request's own query. Same row, same rule (the key and
an expiry in the future), same outcome when there is none; writes are Django's."""

from datetime import datetime
from functools import cache
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone


@cache
def _sql(vendor: str) -> str:
    qn, meta = connection.ops.quote_name, Session._meta
    names = ("session_key", "session_data", "expire_date")
    columns: list[Any] = [meta.get_field(name) for name in names]
    key, data, expiry = (qn(field.column) for field in columns)
    return (
        f"SELECT {data}, {expiry} FROM {qn(meta.db_table)}"  # noqa: S608 — identifiers from the model
        f" WHERE {key} = %s AND {expiry} > %s"
    )


def _expiry(value: Any) -> datetime:
    """The column's value as the ORM would give it (SQLite returns text)."""
    col = Session._meta.get_field("expire_date").get_col(Session._meta.db_table)
    for converter in connection.ops.get_db_converters(col) + col.get_db_converters(connection):
        value = converter(value, col, connection)
    return value


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_sql(connection.vendor), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return Session(
            session_key=self.session_key or "", session_data=row[0], expire_date=_expiry(row[1])
        )
