"""Someone signing up from a colleague's staff invitation joins as career-office staff: the page
does not ask them to choose drafter or mentor, nor tell them staff "create their institution
next" (the invitation already names it); an ordinary sign-up still asks."""

import pytest

from accounts.models import User
from tests.careers.test_colleagues import _invite
from tests.careers.test_invited_signup import _sign_up

pytestmark = pytest.mark.django_db


def _signup_page(client, token, email) -> str:
    url = f"/accounts/signup/?role=career_office&email={email}&next=/careers/join/{token}/"
    return client.get(url).content.decode()


def test_the_invited_sign_up_offers_no_role_choice_nor_the_institution_hint(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    page = _signup_page(client, token, "lee@elsewhere.org")
    assert "Drafter: I want" not in page and "Mentor: I have" not in page
    assert "create their institution" not in page
    assert 'type="hidden" name="roles" value="career_office"' in page
    assert "No confirmation e-mail needed" in page


def test_an_invited_sign_up_makes_career_office_staff_only(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    response = _sign_up(client, "lee@elsewhere.org", token, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    profile = User.objects.get(email="lee@elsewhere.org").profile
    assert profile.joins_career_office
    assert not profile.wants_to_draft and not profile.wants_to_mentor


def test_a_sign_up_without_an_invitation_still_asks_the_role(client):
    page = client.get("/accounts/signup/?role=career_office").content.decode()
    assert "Drafter: I want" in page and "create their institution" in page


def test_a_link_for_another_address_still_asks_the_role(
    office, client, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    page = _signup_page(client, token, "someone@else.org")
    assert "Drafter: I want" in page
