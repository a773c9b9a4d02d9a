"""A colleague who signs up from a staff invitation link with the invited address has proved
they read that inbox: the address is confirmed at sign-up, no confirmation mail goes out and the
join page (Your name / Accept) comes next. Any other address, or a used, revoked or expired
link, signs up as usual and must confirm by e-mail."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from tests.careers.test_colleagues import _accept, _client, _invite
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def _sign_up(client, email, token, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            f"/accounts/signup/?role=career_office&next=/careers/join/{token}/",
            {
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
                "roles": ["career_office"],
                "next": f"/careers/join/{token}/",
            },
        )


def _verified(email) -> bool:
    return EmailAddress.objects.get(email__iexact=email).verified


def test_signing_up_from_the_link_with_the_invited_address_confirms_it_and_goes_to_accept(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office,
        email="Lee@Elsewhere.org",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    response = _sign_up(client, "lee@elsewhere.org", token, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == f"/careers/join/{token}/"
    assert _verified("lee@elsewhere.org")
    assert not any("confirm-email" in message.body for message in mail.outbox)
    preview = client.get(f"/api/v1/staff-invitations/{token}/").json()
    assert preview["email_verified"] and preview["signed_in_as_invitee"]
    lee = EmailAddress.objects.get(email="lee@elsewhere.org").user
    assert _accept(lee, token).status_code == 200


def test_another_address_on_a_valid_link_still_needs_the_emailed_confirmation(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    response = _sign_up(client, "mallory@elsewhere.org", token, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not _verified("mallory@elsewhere.org")
    assert any("confirm-email" in message.body for message in mail.outbox)


def test_an_expired_link_confirms_nothing(office, client, django_capture_on_commit_callbacks):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        _sign_up(client, "lee@elsewhere.org", token, django_capture_on_commit_callbacks)
    assert not _verified("lee@elsewhere.org")


def test_a_used_or_revoked_link_confirms_nothing(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    assert _accept(UserFactory(), token).status_code == 200
    _sign_up(client, "lee@elsewhere.org", token, django_capture_on_commit_callbacks)
    assert not _verified("lee@elsewhere.org")

    _, token = _invite(
        office,
        email="kim@elsewhere.org",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    listed = office.staff_client().get("/api/v1/careers/invitations/").json()["results"]
    kim = next(row for row in listed if row["email"] == "kim@elsewhere.org")
    revoked = office.staff_client().delete(f"/api/v1/careers/invitations/{kim['id']}/")
    assert revoked.status_code in {200, 204}
    _sign_up(client, "kim@elsewhere.org", token, django_capture_on_commit_callbacks)
    assert not _verified("kim@elsewhere.org")


def test_no_token_or_a_made_up_one_confirms_no_address(client, django_capture_on_commit_callbacks):
    for email, token in [("a@uni.edu", "made-up-token"), ("b@uni.edu", "")]:
        _sign_up(client, email, token, django_capture_on_commit_callbacks)
        client.logout()
        assert not _verified(email)


def test_the_token_cannot_confirm_an_address_added_later(
    office, django_capture_on_commit_callbacks
):
    """Security: the vouching runs at sign-up only; adding the invited address to another
    account with the link as `next` leaves it waiting for its own confirmation."""
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    someone = UserFactory()
    client = _client(someone)
    client.post(
        f"/accounts/email/?next=/careers/join/{token}/",
        {"email": "lee@elsewhere.org", "action_add": "", "next": f"/careers/join/{token}/"},
    )
    added = EmailAddress.objects.filter(email="lee@elsewhere.org").first()
    assert added is None or not added.verified


def test_inviting_the_same_address_again_lists_only_the_new_invitation(
    office, django_capture_on_commit_callbacks
):
    """The replaced invitation is not shown as "Withdrawn": nobody withdrew it."""
    for _ in range(2):
        _invite(office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    _invite(
        office,
        email="kim@elsewhere.org",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    listed = office.staff_client().get("/api/v1/careers/invitations/").json()["results"]
    kim = next(row for row in listed if row["email"] == "kim@elsewhere.org")
    office.staff_client().delete(f"/api/v1/careers/invitations/{kim['id']}/")
    listed = office.staff_client().get("/api/v1/careers/invitations/").json()["results"]
    assert sorted((row["email"], row["state"]) for row in listed) == [
        ("kim@elsewhere.org", "revoked"),  # withdrawn by the admin: still listed
        ("lee@elsewhere.org", "pending"),
    ]
