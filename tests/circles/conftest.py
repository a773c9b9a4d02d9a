import pytest
from rest_framework.test import APIClient

from projects.circles.services.circles import circle_create, circle_join
from tests.factories import UserFactory, verified_drafter


@pytest.fixture
def client_for():
    """An API client signed in as the given user."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def host(db):
    return verified_drafter(finish__display_name="Hana Host")


@pytest.fixture
def circle(host):
    """A forming circle of its host alone (javascript family)."""
    return circle_create(host=host, name="Frontend portfolio crit", skill_family="javascript")


@pytest.fixture
def active_circle(circle):
    """The circle with three more members, so it is active; returns (circle, [members])."""
    members = [UserFactory(finish__display_name=f"Member {n}") for n in range(3)]
    for member in members:
        circle_join(circle_id=circle.pk, user=member)
    circle.refresh_from_db()
    return circle, members
