"""The candidates' mentors' figures are remembered in the process (projects/matching/
mentor_figures.py): a mentor's new response rate still reaches the ranking, once the cached
figures and the shared epoch have expired, and at once after a cache flush."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from projects.matching.mentor_figures import EPOCH_SECONDS
from projects.matching.recommendations import task_recommendations_for_user
from projects.models import Application
from projects.response_rates import CACHE_SECONDS
from tests.factories import ApplicationFactory, SkillFactory, TaskFactory
from tests.matching.conftest import WORKING

pytestmark = pytest.mark.django_db


def _answer_ten(mentor) -> None:
    """Ten applications to another task of the mentor, each declined within hours, a month ago."""
    task = TaskFactory(mentor=mentor)
    with time_machine.travel(timezone.now() - timedelta(days=30), tick=False):
        for _ in range(10):
            application = ApplicationFactory(task=task)
            Application.objects.filter(pk=application.pk).update(
                state=Application.State.DECLINED,
                updated_at=application.created_at + timedelta(hours=5),
            )


def _card(drafter, task) -> dict:
    return next(c for c in task_recommendations_for_user(user=drafter) if c["id"] == task.pk)


def test_a_mentors_new_response_rate_reaches_recommendations_when_the_cached_figures_expire(
    make_drafter,
):
    drafter = make_drafter({"Python": WORKING}, weekly_hours=10)
    task = TaskFactory(skills=[SkillFactory(name="Python")], title="Python notebook review")
    assert _card(drafter, task)["mentor_response_rate"] is None

    _answer_ten(task.mentor)

    # Read again within the cache's lifetime: the remembered figure, as the cache would give.
    assert _card(drafter, task)["mentor_response_rate"] is None
    later = timezone.now() + timedelta(seconds=CACHE_SECONDS + EPOCH_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert _card(drafter, task)["mentor_response_rate"] == 1.0
        assert _card(drafter, task)["mentor_median_reply_hours"] == 5


def test_a_cache_flush_makes_recommendations_read_the_mentors_figures_again(make_drafter):
    drafter = make_drafter({"Python": WORKING}, weekly_hours=10)
    task = TaskFactory(skills=[SkillFactory(name="Python")], title="Python notebook review")
    assert _card(drafter, task)["mentor_response_rate"] is None

    _answer_ten(task.mentor)
    cache.clear()

    assert _card(drafter, task)["mentor_response_rate"] == 1.0
