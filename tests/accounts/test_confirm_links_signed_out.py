"""A used confirmation link opened signed out (a fresh browser, another device): when the
address the link names is confirmed, the page says so and offers "Log in", naming no address;
anything else still says the link no longer works."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _confirmed_link(client, email: str) -> str:
    client.force_login(UserFactory())
    client.post("/accounts/email/", {"action_add": "", "email": email})
    link = re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[-1].body).group(0)
    client.get(link)
    assert EmailAddress.objects.get(email=email).verified
    client.logout()
    return link


def _heading(page: str) -> str:
    return page.split("<h1>")[1].split("</h1>")[0]


def test_a_used_link_opened_signed_out_says_already_confirmed_and_offers_log_in(client):
    link = _confirmed_link(client, "ada@acme.com")

    page = client.get(link).content.decode()

    assert _heading(page) == "Your address is already confirmed"
    assert 'href="/accounts/login/">Log in</a>' in page
    assert "ada@acme.com" not in page
    assert "This link no longer works" not in page


def test_a_link_whose_address_was_removed_still_says_it_no_longer_works_signed_out(client):
    link = _confirmed_link(client, "ada@acme.com")
    EmailAddress.objects.filter(email="ada@acme.com").delete()

    page = client.get(link).content.decode()

    assert _heading(page) == "This link no longer works"


def test_a_broken_link_opened_signed_out_says_it_no_longer_works(client):
    page = client.get("/accounts/confirm-email/not-a-real-key/").content.decode()

    assert _heading(page) == "This link no longer works"
