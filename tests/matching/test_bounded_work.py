"""The work behind a recommendation stays bounded as the catalogue grows: a busy mentor's reply
time is read from their most recent tasks, and text relevance from the newest matches."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.matching import weights as w
from projects.matching.candidates import mentor_reply_days
from projects.matching.text import task_text_rank
from projects.models import Application, Task
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _answered(task: Task, *, after_days: float) -> None:
    application = ApplicationFactory(task=task, state=Application.State.DECLINED)
    Application.objects.filter(pk=application.pk).update(
        updated_at=application.created_at + timedelta(days=after_days)
    )


def test_reply_time_counts_the_mentors_most_recent_tasks_only():
    # Given a mentor who answered slowly on old tasks and quickly on their recent ones
    mentor = UserFactory()
    old = [TaskFactory(mentor=mentor) for _ in range(3)]
    recent = [TaskFactory(mentor=mentor) for _ in range(w.RESPONSIVE_RECENT_TASKS)]
    for task in old:
        _answered(task, after_days=20)
    for task in recent:
        _answered(task, after_days=1)
    # When their reply time is computed
    days = mentor_reply_days(mentor_ids={mentor.pk}, now=timezone.now())
    # Then only the recent tasks count
    assert days[mentor.pk] == pytest.approx(1.0)


def test_a_mentor_with_few_tasks_counts_them_all():
    mentor = UserFactory()
    for after_days in (1, 3):
        _answered(TaskFactory(mentor=mentor), after_days=after_days)
    days = mentor_reply_days(mentor_ids={mentor.pk}, now=timezone.now())
    assert days[mentor.pk] == pytest.approx(2.0)


def test_text_relevance_ranks_the_newest_tasks_mentioning_the_words(monkeypatch):
    # Given more tasks mentioning "pandas" than the window holds
    monkeypatch.setattr(w, "TEXT_RANK_WINDOW", 2)
    tasks = [TaskFactory(title=f"Clean data with pandas {n}") for n in range(4)]
    # When text relevance is ranked
    ranked = task_text_rank(Task.objects.all(), ["pandas"])
    # Then only the newest two are ranked
    assert {task.pk for task in ranked} == {task.pk for task in tasks[-2:]}
