"""The database session store (marketplace/sessions.py) reads a session with a statement of its
own: a live session signs its person in, an expired or unknown one is nobody's."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from marketplace.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_live_session_signs_its_person_in_and_says_when_it_expires():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    key = client.cookies["sessionid"].value

    store = SessionStore(session_key=key)

    assert store["_auth_user_id"] == str(user.pk)
    assert store.session_key == key
    row = store._get_session_from_db()
    assert row is not None
    assert row.expire_date == Session.objects.get(session_key=key).expire_date
    assert client.get("/api/v1/me/").status_code == 200


def test_an_expired_session_is_nobodys():
    client = Client()
    client.force_login(UserFactory())
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))

    store = SessionStore(session_key=key)

    assert store.load() == {}
    assert store.session_key is None
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_an_unknown_session_key_is_nobodys_and_a_new_one_is_made_on_save():
    store = SessionStore(session_key="x" * 32)

    assert dict(store.items()) == {}
    store["seen"] = True
    store.save()
    assert store.session_key != "x" * 32
    assert Session.objects.filter(session_key=store.session_key).exists()


def test_a_session_expires_when_its_time_is_up():
    client = Client()
    client.force_login(UserFactory())
    key = client.cookies["sessionid"].value
    expiry = Session.objects.get(session_key=key).expire_date

    with time_machine.travel(expiry + timedelta(seconds=1)):
        assert SessionStore(session_key=key).load() == {}
