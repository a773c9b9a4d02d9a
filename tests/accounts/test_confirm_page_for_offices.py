"""The "check your inbox" page after sign-up speaks to who signed up: career-office staff are
told what waits on the confirmation for them and sent to /careers/, not the drafter's wizard."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def _sign_up(client, email, roles):
    response = client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "roles": roles},
    )
    assert response["Location"] == "/accounts/confirm-email/"
    return client.get("/accounts/confirm-email/").content.decode()


def test_a_career_office_sign_up_is_told_what_the_confirmation_unlocks_for_an_office(client):
    page = _sign_up(client, "dana@uni.edu", ["career_office"])
    assert "Creating your institution or accepting a colleague\u2019s invitation needs a" in page
    assert '<a class="button" href="/careers/">Go to your career office</a>' in page
    assert "Set up my profile" not in page
    assert "Applying, posting a task" not in page


def test_a_drafter_sign_up_still_sets_up_a_profile(client):
    page = _sign_up(client, "sam@uni.edu", ["drafter", "career_office"])
    assert "Set up my profile" in page
    assert "Go to your career office" not in page
