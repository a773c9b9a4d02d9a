"""Confirmation links after the first click: a used link opened by its signed-in owner says the
address is confirmed and leads on; a work address confirmed from settings leads back there."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _add_address(client, email: str) -> str:
    client.post("/accounts/email/", {"action_add": "", "email": email})
    return re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[-1].body).group(0)


def test_confirming_a_work_address_from_settings_lands_on_the_profile_settings(client):
    user = UserFactory()
    client.force_login(user)
    link = _add_address(client, "ada@acme.com")

    response = client.get(link)

    assert response.status_code == 302
    assert response.url == "/settings/#profile"
    assert EmailAddress.objects.get(email="ada@acme.com").verified


def test_a_used_link_opened_again_by_its_owner_says_already_confirmed(client):
    user = UserFactory()
    client.force_login(user)
    link = _add_address(client, "ada@acme.com")
    client.get(link)

    page = client.get(link).content.decode()

    assert "Your address is already confirmed" in page
    assert 'href="/dashboard/">Continue</a>' in page
    assert "This link no longer works" not in page
    assert "Back to settings" not in page


def test_a_used_link_opened_by_someone_else_still_says_it_no_longer_works(client):
    owner = UserFactory()
    client.force_login(owner)
    link = _add_address(client, "ada@acme.com")
    client.get(link)

    client.force_login(UserFactory())
    page = client.get(link).content.decode()

    assert "This link no longer works" in page
    assert "already confirmed" not in page.split("<h1>")[1].split("</h1>")[0]


def test_a_broken_link_says_it_no_longer_works(client):
    client.force_login(UserFactory())

    page = client.get("/accounts/confirm-email/not-a-real-key/").content.decode()

    assert "This link no longer works" in page
