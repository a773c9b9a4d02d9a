"""Sign-up asks which role(s); new members land on the welcome wizard."""

import re

import pytest
from django.core import mail

from accounts.models import Profile

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def test_the_role_in_the_link_is_preselected(client):
    html = client.get("/accounts/signup/?role=mentor").content.decode()
    mentor = re.search(r'<input[^>]*value="mentor"[^>]*>', html).group(0)
    drafter = re.search(r'<input[^>]*value="drafter"[^>]*>', html).group(0)
    assert "checked" in mentor and "checked" not in drafter


def test_drafter_is_the_default(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "checked" in re.search(r'<input[^>]*value="drafter"[^>]*>', html).group(0)


def test_signup_saves_roles_and_lands_on_welcome_after_verification(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "maria@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "roles": ["mentor", "drafter"],
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user__email="maria@example.org")
    assert profile.wants_to_mentor and profile.wants_to_draft

    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(1)
    confirmed = client.post(f"/accounts/confirm-email/{key}/")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/welcome/"


def test_signup_without_a_role_is_refused(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "nobody@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "Choose at least one role" in response.content.decode()
    assert not Profile.objects.filter(user__email="nobody@example.org").exists()
