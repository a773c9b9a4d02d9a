import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from projects.offers.services.settings import offer_settings_update
from tests.factories import PortfolioItemFactory, UserFactory


@pytest.fixture
def client_for():
    """An API client signed in as the given user."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def mentor(db):
    """A mentor open to offers (the default cap of 3 a month)."""
    user = UserFactory(finish__display_name="Maya Mentor")
    offer_settings_update(mentor=user, data={"is_open": True, "note": "Research ops welcome."})
    return user


@pytest.fixture
def drafter(db):
    return UserFactory(finish__display_name="Sam Drafter")


@pytest.fixture
def item(drafter):
    return PortfolioItemFactory(owner=drafter, title="Survey redesign case study")


@pytest.fixture
def offer_body(item):
    """A good offer: small, specific, dated, with evidence."""

    def make(**extra):
        return {
            "title": "Tidy your interview notes into a findings table",
            "what": "I will turn the twelve interview notes you mentioned into one findings "
            "table with quotes, in your template, and flag the three strongest themes.",
            "estimated_hours": 4,
            "by_when": str(timezone.localdate() + datetime.timedelta(days=21)),
            "portfolio_item_ids": [item.pk],
            **extra,
        }

    return make


@pytest.fixture
def send_offer(client_for, offer_body):
    def send(drafter, mentor, **extra):
        return client_for(drafter).post(
            f"/api/v1/mentors/{mentor.profile.handle}/offers/", offer_body(**extra), format="json"
        )

    return send


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
