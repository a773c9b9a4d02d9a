"""Career-office wording nits from the walk (issue 19): the confirm-e-mail banner tells staff
what they need a confirmed address for; viewers are not told to feature; the office's contact
is on the page for its links; code words are whole."""

import pytest
from django.test import Client

from tests.careers.conftest import make_office

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def _sign_up(client: Client, roles: list[str], email: str) -> None:
    response = client.post(
        "/accounts/signup/",
        {"roles": roles, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content


def test_the_banner_tells_career_office_staff_what_their_address_is_for(client):
    _sign_up(client, ["career_office"], "ana@riverbend.edu")

    page = client.get("/careers/").content.decode()

    assert "Confirm your e-mail address." in page
    assert (
        "accepting a colleague\N{RIGHT SINGLE QUOTATION MARK}s invitation to your career office"
        in page
    )
    assert "applying and posting" not in page


def test_the_banner_still_tells_a_drafter_about_applying(client):
    _sign_up(client, ["drafter"], "lin@example.org")

    page = client.get("/tasks/").content.decode()

    assert "applying and posting need a confirmed address" in page


def test_the_dashboard_keeps_the_feature_how_to_for_admins_and_code_words_whole(client):
    office = make_office()
    client.force_login(office.admin)

    page = client.get("/careers/").content.decode()

    # Hidden until the script knows the person is an admin (viewers are told admins feature).
    assert "<span data-feature-how hidden>" in page
    settings = client.get("/careers/settings/").content.decode()
    assert "<code>Authorization:</code> <code>Api-Key&nbsp;&lt;key&gt;</code>" in settings
    assert 'data-contact="hello@slipstream.local"' in page
