"""Career-office staff are told every way in, in plain words, wherever the way in is explained:
sign-up's hint under the roles (create the institution, ask to join an office already here, or
accept a colleague's invitation), and what a confirmed address unlocks (asking included)."""

import html

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_sign_up_hint_names_creating_asking_to_join_and_an_invitation(client):
    page = _text(client.get("/accounts/signup/?role=career_office"))

    assert (
        "Career-office staff next create their institution or, if their office is already on "
        "Slipstream, ask to join it or accept a colleague's invitation." in page
    )


def test_the_confirm_page_says_asking_to_join_also_waits_for_the_confirmed_address(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "kim@uni.edu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "roles": ["career_office"],
        },
    )

    page = _text(client.get("/accounts/confirm-email/"))

    assert "as does asking to join your office if it is already on Slipstream." in page


def test_the_confirm_banner_on_the_office_page_counts_asking_to_join_among_what_waits(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "lee@uni.edu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "roles": ["career_office"],
        },
    )

    page = _text(client.get("/careers/"))

    assert (
        "accepting a colleague\u2019s invitation to your career office, asking to join it, or "
        "creating your institution, needs a confirmed address." in page
    )
