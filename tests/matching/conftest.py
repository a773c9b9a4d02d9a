import pytest
from rest_framework.test import APIClient

from accounts.models import UserSkill
from tests.factories import SkillFactory, UserFactory, UserSkillFactory


@pytest.fixture(autouse=True)
def _starter_catalogue(starter_catalogue):
    """Every matching test reads the starter catalogue (tests/conftest.py)."""


@pytest.fixture
def client_for():
    """An API client signed in as the given user."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def make_drafter(db):
    """A drafter with declared skills ({name: level}), weekly hours and profile fields."""

    def make(skills=None, *, weekly_hours=None, discoverable=False, **profile):
        user = UserFactory()
        for name, level in (skills or {}).items():
            UserSkillFactory(user=user, skill=SkillFactory(name=name), level=level)
        for field, value in dict(
            profile, weekly_hours=weekly_hours, discoverable=discoverable
        ).items():
            setattr(user.profile, field, value)
        user.profile.save()
        return user

    return make


WORKING = UserSkill.Level.WORKING
LEARNING = UserSkill.Level.LEARNING
EXPERT = UserSkill.Level.EXPERT
