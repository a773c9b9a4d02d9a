"""The sign-up page does not promise a confirmation e-mail that never comes: from a colleague's
invitation with the invited address it says the invitation already proved the address; with any
other address, or a link that opens nothing, it says the usual confirmation line."""

import pytest

from tests.careers.test_colleagues import _invite

pytestmark = pytest.mark.django_db

NO_MAIL = "No confirmation e-mail needed: your invitation already proved this address."
ONE_MAIL = "We send one e-mail to confirm your address."


def _page(client, token, email) -> str:
    response = client.get(
        "/accounts/signup/",
        {"role": "career_office", "email": email, "next": f"/careers/join/{token}/"},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_invited_address_is_told_no_confirmation_mail_is_needed(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office,
        email="Lee@Elsewhere.org",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    page = _page(client, token, "lee@elsewhere.org")

    assert NO_MAIL in page
    assert ONE_MAIL not in page
    assert 'data-invited-email="lee@elsewhere.org"' in page  # the script compares as it is typed


def test_another_address_or_a_dead_link_hears_of_the_confirmation_mail(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )

    for page in (
        _page(client, token, "someone.else@elsewhere.org"),
        _page(client, "not-a-real-token", "lee@elsewhere.org"),
        client.get("/accounts/signup/").content.decode(),
    ):
        assert ONE_MAIL in page
        assert NO_MAIL not in page
        assert "data-invited-email" not in page


def test_a_refused_sign_up_keeps_the_words_of_the_address_sent(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    sent = {"email": "lee@elsewhere.org", "password1": "x", "password2": "y"}

    page = client.post(
        f"/accounts/signup/?next=/careers/join/{token}/",
        {**sent, "roles": ["career_office"], "next": f"/careers/join/{token}/"},
    ).content.decode()

    assert NO_MAIL in page
