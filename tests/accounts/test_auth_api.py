"""Sign-up, e-mail verification and login through allauth's headless API (browser and app)."""

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def _key_from_mail() -> str:
    body = mail.outbox[-1].body
    return re.search(r"/accounts/confirm-email/([^/\s]+)/", body).group(1)


@pytest.mark.parametrize("client_kind", ["browser", "app"])
def test_signup_signs_in_at_once_and_the_emailed_link_verifies(client, client_kind):
    base = f"/_allauth/{client_kind}/v1"
    response = client.post(
        f"{base}/auth/signup",
        {"email": "ada@example.org", "password": PASSWORD},
        content_type="application/json",
    )
    # Verification is "optional": the new member is signed in and can browse and fill their
    # profile; applying and posting check a confirmed address themselves (test_email_gate.py).
    assert response.status_code == 200, response.content
    assert response.json()["data"]["user"]["email"] == "ada@example.org"
    user = User.objects.get(email="ada@example.org")
    # The public handle never reveals the e-mail address.
    assert user.profile.handle.startswith("member-") and "ada" not in user.profile.handle
    assert len(mail.outbox) == 1
    assert not user.emailaddress_set.get().verified

    headers = {}
    if client_kind == "app":
        headers["HTTP_X_SESSION_TOKEN"] = response.json()["meta"]["session_token"]
    verified = client.post(
        f"{base}/auth/email/verify",
        {"key": _key_from_mail()},
        content_type="application/json",
        **headers,
    )
    assert verified.status_code == 200, verified.content
    assert verified.json()["data"]["user"]["email"] == "ada@example.org"
    assert user.emailaddress_set.get().verified


def test_login_with_wrong_password_is_refused(client, user):
    response = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": user.email, "password": "wrong"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "password" in response.content.decode().lower()


def test_session_login_then_me(client, user):
    response = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": user.email, "password": "correct-horse-battery-staple"},
        content_type="application/json",
    )
    assert response.status_code == 200
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["email"] == user.email


def test_me_patch_updates_profile_and_whitelists_fields(auth_client, user):
    response = auth_client.patch(
        "/api/v1/me/",
        {"headline": "Data journalist in training", "email": "evil@example.org", "is_staff": True},
    )
    assert response.status_code == 200
    assert response.json()["headline"] == "Data journalist in training"
    user.refresh_from_db()
    assert user.email != "evil@example.org"
    assert not user.is_staff


def test_me_patch_rejects_overlong_headline(auth_client):
    response = auth_client.patch("/api/v1/me/", {"headline": "x" * 161})
    assert response.status_code == 400
    assert "headline" in response.json()["error"]["fields"]


def test_signup_pages_use_the_site_layout(client):
    response = client.get("/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert "Skip to content" in html


def test_password_reset_by_emailed_key(client, user):
    base = "/_allauth/browser/v1/auth/password"
    requested = client.post(
        f"{base}/request", {"email": user.email}, content_type="application/json"
    )
    assert requested.status_code == 200
    key = re.search(r"/accounts/password/reset/key/(\S+)/", mail.outbox[-1].body).group(1)
    reset = client.post(
        f"{base}/reset",
        {"key": key, "password": "a-brand-new-passphrase-7"},
        content_type="application/json",
    )
    assert reset.status_code == 401, reset.content  # reset done; the person now logs in
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-7")
