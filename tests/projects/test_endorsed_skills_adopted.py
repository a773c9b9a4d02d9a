"""A skill a mentor endorsed becomes the drafter's own once the endorsement is visible, so the
profile, Settings, /api/v1/me/ completeness and the dashboard count the same skills."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Notification, UserSkill
from projects.feedback_rules import FEEDBACK_BLIND_PERIOD
from projects.models import Engagement
from projects.services.feedback import endorsements_adopt_due, feedback_submit
from tests.factories import EngagementFactory, SkillFactory, TaskFactory, UserSkillFactory

pytestmark = pytest.mark.django_db


def _completed(*skills):
    task = TaskFactory(skills=list(skills))
    return EngagementFactory(
        application__task=task,
        state=Engagement.State.COMPLETED,
        started_at=timezone.now() - timedelta(days=5),
        completed_at=timezone.now(),
    )


def _me(user) -> dict:
    client = APIClient()
    client.force_authenticate(user)
    return client.get("/api/v1/me/").json()


def _my_skills(user) -> list[str]:
    client = APIClient()
    client.force_authenticate(user)
    body = client.get("/api/v1/me/skills/").json()
    items = body if isinstance(body, list) else body.get("results", body.get("skills", []))
    return sorted(item["name"] if "name" in item else item["skill"]["name"] for item in items)


def test_endorsed_skill_joins_the_drafters_skills_and_completeness_once_both_wrote():
    research, figma, python = (
        SkillFactory(name="User research"),
        SkillFactory(name="Figma"),
        SkillFactory(name="Python"),
    )
    engagement = _completed(research, figma)
    drafter = engagement.drafter
    UserSkillFactory(user=drafter, skill=figma, level=UserSkill.Level.EXPERT)
    UserSkillFactory(user=drafter, skill=python)
    assert "skills" in _me(drafter)["completeness"]["missing"]

    feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        endorsed_skill_ids=[research.pk, figma.pk],
    )
    # Still blind to the drafter: nothing of the endorsement shows in their own skills yet.
    assert _my_skills(drafter) == ["Figma", "Python"]

    feedback_submit(engagement_id=engagement.pk, author=drafter, rating=5)

    assert _my_skills(drafter) == ["Figma", "Python", "User research"]
    assert "skills" not in _me(drafter)["completeness"]["missing"]
    # A skill they already listed keeps the level they chose.
    assert UserSkill.objects.get(user=drafter, skill=figma).level == UserSkill.Level.EXPERT


def test_endorsement_written_second_by_the_mentor_is_adopted_too():
    research = SkillFactory(name="User research")
    engagement = _completed(research)
    feedback_submit(engagement_id=engagement.pk, author=engagement.drafter, rating=4)
    feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        endorsed_skill_ids=[research.pk],
    )
    assert UserSkill.objects.filter(user=engagement.drafter, skill=research).exists()


def test_endorsement_adopted_when_the_blind_period_ends_once_and_never_put_back():
    research = SkillFactory(name="User research")
    engagement = _completed(research)
    drafter = engagement.drafter
    feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        endorsed_skill_ids=[research.pk],
    )
    # Still blind (the drafter has not written, the period has not passed): nothing moves.
    assert endorsements_adopt_due() == 0
    assert _my_skills(drafter) == []

    later = engagement.completed_at + FEEDBACK_BLIND_PERIOD + timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        assert endorsements_adopt_due() == 1
        assert _my_skills(drafter) == ["User research"]
        notice = Notification.objects.get(recipient=drafter, kind="endorsement_shown")
        assert "User research" in notice.title
        # The person removes it: the next runs leave their choice alone.
        UserSkill.objects.filter(user=drafter).delete()
        assert endorsements_adopt_due() == 0
        assert _my_skills(drafter) == []
