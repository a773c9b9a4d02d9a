"""The authentication backends: Django's and allauth's, reading a session's user with a statement
written once.

Every signed-in request loads its user. Django's backends do it with `objects.get(pk=...)`,
whose query is built and compiled each time: about 1 ms of CPU on SQLite against 0.1 ms for
the same statement written once, the largest cost a signed-in read had over an anonymous one.
Same row, same rule (an inactive user is no one), same instance (the ORM's converters, then
`from_db`); signing in, permissions and everything else are the parents' own."""

from functools import cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from accounts.models import User
from marketplace.database import instance_from_values, quoted_columns


@cache
def _user_sql(vendor: str) -> str:
    column, table = quoted_columns(User), connection.ops.quote_name(User._meta.db_table)
    return f"SELECT {', '.join(column.values())} FROM {table} WHERE {column['id']} = %s"  # noqa: S608 — identifiers from the model


class ModelBackend(DjangoModelBackend):
    """Django's ModelBackend (sign-in by e-mail and password, the admin's permissions)."""

    def get_user(self, user_id: Any) -> User | None:
        with connection.cursor() as cursor:
            cursor.execute(_user_sql(connection.vendor), [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        user = instance_from_values(User, row)
        return user if self.user_can_authenticate(user) else None


class AuthenticationBackend(ModelBackend, AllauthBackend):
    """allauth's backend (its sign-in: e-mail login, rate limits), reading the user as above."""
