"""A LinkedIn address typed as people copy it (without https://) is accepted and stored whole;
other sites and other schemes are still refused."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("linkedin.com/in/ada", "https://linkedin.com/in/ada"),
        ("www.linkedin.com/in/ada", "https://www.linkedin.com/in/ada"),
        ("  uk.linkedin.com/in/ada-l  ", "https://uk.linkedin.com/in/ada-l"),
        ("http://www.linkedin.com/in/ada", "http://www.linkedin.com/in/ada"),
        ("https://www.linkedin.com/in/ada", "https://www.linkedin.com/in/ada"),
    ],
)
def test_a_linkedin_address_without_a_scheme_is_accepted_and_normalised(auth_client, typed, stored):
    response = auth_client.patch("/api/v1/me/", {"linkedin_url": typed}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["linkedin_url"] == stored


@pytest.mark.parametrize(
    "typed",
    [
        "evil.example/in/ada",
        "linkedin.com.evil.example/in/ada",
        "javascript:alert(1)//linkedin.com",
        "ftp://www.linkedin.com/in/ada",
        "my linkedin",
    ],
)
def test_an_address_that_is_not_a_linkedin_profile_is_refused_with_a_clear_message(
    auth_client, typed
):
    response = auth_client.patch("/api/v1/me/", {"linkedin_url": typed}, format="json")

    assert response.status_code == 400
    field_errors = response.json()["error"]["fields"]["linkedin_url"]
    assert any(
        "linkedin" in message.lower() or "http" in message.lower() for message in field_errors
    )
