"""/experience/<id>/ marks the skills the mentor endorsed, in words, once feedback is unblinded."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from projects.models import Engagement, Feedback
from projects.people import display_name
from tests.factories import EngagementFactory, SkillFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _completed_with_skills():
    research, figma = SkillFactory(name="User research"), SkillFactory(name="Figma")
    task = TaskFactory(skills=[research, figma])
    engagement = EngagementFactory(
        application__task=task,
        state=Engagement.State.COMPLETED,
        started_at=timezone.now() - timedelta(days=5),
        completed_at=timezone.now(),
    )
    return engagement, research, figma


def _chips(html: str) -> dict[str, str]:
    """Each skill chip's text, keyed by skill name."""
    items = re.findall(r'<li class="chip-item[^"]*">(.*?)</li>', html, re.S)
    chips = {}
    for item in items:
        name = re.search(r'class="badge chip"[^>]*>([^<]+)</a>', item).group(1)
        chips[name] = re.sub(r"<[^>]+>", " ", item)
    return chips


def _feedback(engagement, author, *, skills=()):
    subject = engagement.drafter if author == engagement.mentor else engagement.mentor
    feedback = Feedback.objects.create(
        engagement=engagement, author=author, subject=subject, rating=5, endorsement="Sharp."
    )
    feedback.endorsed_skills.set(skills)


def test_endorsed_skill_says_who_endorsed_it_and_the_others_do_not():
    engagement, research, _ = _completed_with_skills()
    _feedback(engagement, engagement.mentor, skills=[research])
    _feedback(engagement, engagement.drafter)

    chips = _chips(Client().get(f"/experience/{engagement.pk}/").content.decode())

    mentor = display_name(engagement.mentor)
    assert f"Endorsed by {mentor}" in " ".join(chips["User research"].split())
    assert "Endorsed" not in chips["Figma"]


def test_endorsements_stay_hidden_while_feedback_is_blind():
    engagement, research, _ = _completed_with_skills()
    _feedback(engagement, engagement.mentor, skills=[research])  # the drafter has not written

    chips = _chips(Client().get(f"/experience/{engagement.pk}/").content.decode())

    assert set(chips) == {"User research", "Figma"}
    assert not any("Endorsed" in text for text in chips.values())
