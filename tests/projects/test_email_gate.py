"""The e-mail verification wall (issue 22): a new member is signed in at once, browses and fills
their profile under a banner; one click on the e-mailed link confirms; the waiting page resends
and corrects the address; applying and posting need a confirmed address (403 email_unverified)."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from accounts.models import User
from tests.factories import TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def _sign_up(client: Client, email: str = "lin@example.org") -> User:
    response = client.post(
        "/accounts/signup/",
        {"roles": ["drafter"], "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content
    assert response["Location"] == "/accounts/confirm-email/"  # the waiting page first
    return User.objects.get(email=email)


def _link(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    return re.search(r"/accounts/confirm-email/[^/\s]+/", message.body).group(0)


def test_a_new_member_is_signed_in_and_can_fill_their_profile_under_a_banner(client):
    _sign_up(client)

    waiting = client.get("/accounts/confirm-email/").content.decode()
    assert "lin@example.org" in waiting
    assert "Send the link again" in waiting and "Correct e-mail address" in waiting
    assert "contact us" not in waiting.lower()

    page = client.get("/tasks/").content.decode()
    assert "Confirm your e-mail address." in page and "lin@example.org" in page
    assert (
        client.patch(
            "/api/v1/me/", {"display_name": "Lin Chen"}, content_type="application/json"
        ).status_code
        == 200
    )
    assert client.get("/api/v1/me/").json()["email_verified"] is False


def test_applying_and_posting_need_a_confirmed_address(client):
    user = _sign_up(client)
    task = TaskFactory()

    applied = client.post(
        f"/api/v1/tasks/{task.pk}/applications/",
        {"note": "I have done this before and would like to help.", "work_sample_link": "https://example.org/w"},
        content_type="application/json",
    )  # fmt: skip
    assert applied.status_code == 403
    error = applied.json()["error"]
    assert error["code"] == "email_unverified"
    assert "lin@example.org" in error["message"] and "Resend" in error["message"]

    own = TaskFactory(mentor=user, state="draft", published_at=None)
    posted = client.post(f"/api/v1/tasks/{own.pk}/publish/")
    assert posted.status_code == 403
    assert posted.json()["error"]["code"] == "email_unverified"

    client.get(_link("lin@example.org"))
    client.patch("/api/v1/me/", {"display_name": "Lin Chen"}, content_type="application/json")
    again = client.post(
        f"/api/v1/tasks/{task.pk}/applications/",
        {"note": "I have done this before and would like to help.", "work_sample_link": "https://example.org/w"},
        content_type="application/json",
    )  # fmt: skip
    assert again.status_code == 201, again.content


def test_one_click_on_the_emailed_link_confirms_and_goes_on_to_the_wizard(client):
    user = _sign_up(client)

    response = client.get(_link("lin@example.org"))

    assert response.status_code == 302
    assert response["Location"] == "/welcome/"  # no second "Confirm" page
    assert EmailAddress.objects.get(user=user).verified
    assert "Confirm your e-mail address." not in client.get("/tasks/").content.decode()
    assert client.get("/api/v1/me/").json()["email_verified"] is True


def test_the_link_also_confirms_in_another_browser():
    _sign_up(Client())
    response = Client().get(_link("lin@example.org"))
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="lin@example.org").verified


def test_resend_sends_the_link_again_but_not_twice_within_minutes(client):
    with time_machine.travel("2026-12-01 10:00Z", tick=False) as clock:
        _sign_up(client)
        mail.outbox.clear()
        too_soon = client.post("/api/v1/me/email/resend/")
        assert too_soon.status_code == 200
        assert too_soon.json() == {"email": "lin@example.org", "verified": False, "sent": False}
        assert mail.outbox == []

        clock.shift(datetime.timedelta(minutes=4))
        response = client.post("/api/v1/me/email/resend/")
        assert response.json()["sent"] is True
        assert [m.to for m in mail.outbox] == [["lin@example.org"]]
        client.get(_link("lin@example.org"))
    assert EmailAddress.objects.get(email="lin@example.org").verified


def test_a_mistyped_address_is_corrected_and_the_new_link_confirms_it(
    client, django_capture_on_commit_callbacks
):
    user = _sign_up(client, email="lin@exmaple.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.put(
            "/api/v1/me/email/", {"email": "Lin@Example.org"}, content_type="application/json"
        )

    assert response.status_code == 200, response.content
    assert response.json() == {"email": "lin@example.org", "verified": False}
    user.refresh_from_db()
    assert user.email == "lin@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "lin@example.org"
    ]
    client.get(_link("lin@example.org"))
    assert EmailAddress.objects.get(user=user).verified
    # Logging in uses the corrected address.
    assert Client().login(email="lin@example.org", password=PASSWORD)


def test_correcting_is_refused_for_another_accounts_address_and_after_confirming(client):
    UserFactory(email="taken@example.org")
    _sign_up(client)
    taken = client.put(
        "/api/v1/me/email/", {"email": "taken@example.org"}, content_type="application/json"
    )
    assert taken.status_code == 400
    assert taken.json()["error"]["code"] == "email_taken"
    assert "email" in taken.json()["error"]["fields"]

    client.get(_link("lin@example.org"))
    late = client.put(
        "/api/v1/me/email/", {"email": "new@example.org"}, content_type="application/json"
    )
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "email_already_verified"
    assert client.post("/api/v1/me/email/resend/").status_code == 409


def test_corrections_are_limited_because_each_one_sends_an_email(client):
    _sign_up(client)
    answers = [
        client.put(
            "/api/v1/me/email/", {"email": f"lin{n}@example.org"}, content_type="application/json"
        ).status_code
        for n in range(6)
    ]
    assert answers == [200] * 5 + [429]


def test_the_waiting_page_after_sign_up_is_not_buried_under_flash_messages(client):
    _sign_up(client)
    page = client.get("/accounts/confirm-email/").content.decode()
    assert "Successfully signed in" not in page
    assert "Confirmation email sent" not in page
    assert page.count("lin@example.org") == 1  # said once, in the page itself
