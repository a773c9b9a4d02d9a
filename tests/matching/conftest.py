import importlib

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from accounts.models import Skill, UserSkill
from tests.factories import SkillFactory, UserFactory, UserSkillFactory


@pytest.fixture(autouse=True)
def _starter_catalogue(db):
    """The migrations' starter catalogue, families and aliases. A transactional test elsewhere
    in the run (the browser tests) flushes the tables the migrations filled; load them again
    with the migrations' own functions."""
    if not Skill.objects.filter(family="python-data").exists():
        importlib.import_module("accounts.migrations.0004_seed_skill_catalogue").seed(apps, None)
        importlib.import_module(
            "accounts.migrations.0007_skill_aliases_and_preferences"
        ).load_spelling_keys_aliases_families(apps, None)


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
