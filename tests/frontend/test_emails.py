"""Issue 13 point 11: account e-mails carry the site's name (never the serving host) and come as
plain text plus HTML."""

import pytest
from django.conf import settings
from django.core import mail

pytestmark = pytest.mark.django_db


def test_signup_confirmation_email_is_branded_in_text_and_html(client):
    response = client.post(
        "/accounts/signup/",
        {
            "roles": ["drafter"],
            "email": "new.person@example.org",
            "password1": "a-long-Passphrase-91",
            "password2": "a-long-Passphrase-91",
        },
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject.startswith("Slipstream: ")
    assert "Hello from Slipstream" in message.body
    # Never the host that served the request ("testserver" here): the site's name, and its
    # public address (SITE_URL) for the link.
    assert "testserver" not in message.body
    assert f"{settings.SITE_URL}/accounts/confirm-email/" in message.body
    html = dict((mime, body) for body, mime in message.alternatives)["text/html"]
    assert "Slipstream" in html and "Confirm my e-mail address" in html


def test_password_reset_email_is_branded(client, django_user_model):
    django_user_model.objects.create_user(email="known@example.org", password="x-Passphrase-91")
    client.post("/accounts/password/reset/", {"email": "known@example.org"})
    message = mail.outbox[-1]
    assert "Slipstream" in message.subject and "Hello from Slipstream" in message.body
    assert any(mime == "text/html" for _, mime in message.alternatives)
