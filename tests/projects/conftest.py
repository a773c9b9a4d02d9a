import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory


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
    return UserFactory(finish__display_name="Maya Mentor")


@pytest.fixture
def drafter(db):
    return UserFactory(finish__display_name="Sam Drafter")


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Delivered files land in a throwaway folder, not the working copy's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
