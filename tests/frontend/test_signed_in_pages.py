"""First-use fixes on the pages around signing in: where a login lands, what it says, and the
words of the sign-in, sign-up and dashboard pages."""

import pytest
from django.utils import timezone

from accounts.models import Profile
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _onboarded(**roles: bool):
    person = UserFactory()
    Profile.objects.filter(user=person).update(onboarding_completed_at=timezone.now(), **roles)
    return person


def _log_in(client, person, next_url: str = ""):
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": person.email, "password": DEFAULT_PASSWORD}, follow=True)


def test_signing_in_lands_on_the_dashboard_without_a_signed_in_flash(client):
    person = _onboarded(wants_to_draft=True)

    response = _log_in(client, person)

    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert "Successfully signed in" not in response.content.decode()


def test_signing_in_from_a_link_goes_back_to_that_page(client):
    person = _onboarded(wants_to_mentor=True)

    response = _log_in(client, person, next_url="/tasks/new/")

    assert response.redirect_chain[-1][0] == "/tasks/new/"
