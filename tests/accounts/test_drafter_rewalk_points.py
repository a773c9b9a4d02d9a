"""The drafter re-walk's sign-up point: a password typed differently the second time is said
under "Password (again)", the box to fix, not between the two boxes."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_password_mismatch_is_said_under_password_again(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "lin@example.org",
            "password1": "a-very-decent-passphrase-42",
            "password2": "a-very-decent-passphrase-43",
            "roles": ["drafter"],
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    said = html.index("You must type the same password each time.")
    assert html.index('id="id_password2"') < said
    assert html.index('id="id_password1"') < html.index('for="id_password2"') < said
