import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from projects.models import Deliverable, Engagement, Feedback
from tests.factories import EngagementFactory, SkillFactory, TaskFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api():
    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def approved(db):
    """A draft approved by its mentor, with skills, public work and an endorsement."""
    task = TaskFactory(
        title="Survey redesign",
        estimated_hours=8,
        skills=[SkillFactory(name="Survey design"), SkillFactory(name="Python")],
    )
    engagement = EngagementFactory(
        application__task=task,
        state=Engagement.State.COMPLETED,
        started_at=timezone.now(),
        completed_at=timezone.now(),
        showable=Engagement.Showable.FULL,
    )
    Deliverable.objects.create(
        engagement=engagement,
        submitted_by=engagement.drafter,
        link="https://example.org/survey",
        note="The new survey and its results.",
    )
    Feedback.objects.create(
        engagement=engagement,
        author=engagement.mentor,
        subject=engagement.drafter,
        rating=5,
        endorsement="Sharp, careful work.",
    )
    # Both sides wrote, so the endorsement is public (feedback is blind until then).
    Feedback.objects.create(
        engagement=engagement, author=engagement.drafter, subject=engagement.mentor, rating=5
    )
    return engagement
