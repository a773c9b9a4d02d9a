"""A session's user is read with one statement written once (accounts/backends.py): the same
person, and the same refusals as Django's own backends."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_signed_in_person_is_who_the_session_says(client):
    user = UserFactory()
    client.force_login(user)

    assert client.get("/api/v1/me/").json()["email"] == user.email


def test_a_signed_in_read_reads_the_session_and_its_user_once_each(client):
    client.force_login(UserFactory())

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/tasks/").status_code == 200

    statements = [q["sql"] for q in queries]
    assert sum('FROM "django_session"' in sql for sql in statements) == 1, statements
    assert sum('FROM "accounts_user"' in sql for sql in statements) == 1, statements


@pytest.mark.parametrize(
    "backend", ["accounts.backends.ModelBackend", "accounts.backends.AuthenticationBackend"]
)
def test_a_deactivated_person_is_signed_out_on_the_next_request(client, backend):
    user = UserFactory()
    client.force_login(user, backend=backend)
    assert client.get("/api/v1/me/").status_code == 200

    user.is_active = False
    user.save()

    assert client.get("/api/v1/me/").status_code == 401


def test_a_deleted_person_is_no_one(client):
    user = UserFactory()
    client.force_login(user)
    user.delete()

    assert client.get("/api/v1/me/").status_code == 401


def test_a_password_changed_elsewhere_ends_this_session(client):
    user = UserFactory()
    client.force_login(user)
    user.set_password(DEFAULT_PASSWORD + "-new")
    user.save()

    assert client.get("/api/v1/me/").status_code == 401


def test_signing_in_with_the_password_still_works(client):
    user = UserFactory()

    assert client.login(email=user.email, password=DEFAULT_PASSWORD)
    assert client.get("/api/v1/me/").json()["email"] == user.email
