"""The work behind a recommendation stays bounded as the catalogue grows: a busy mentor's reply
time is read from their most recent tasks (and cached a while), and text relevance is ranked
among the newest matches."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from projects.matching import weights as w
from projects.matching.text import task_text_matches, text_relevance
from projects.models import Application, Task
from projects.reply_times import (
    RESPONSIVE_CACHE_SECONDS,
    RESPONSIVE_RECENT_TASKS,
    mentor_reply_days,
)
from tests.factories import ApplicationFactory, SkillFactory, TaskFactory, UserFactory
from tests.matching.conftest import WORKING

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
    recent = [TaskFactory(mentor=mentor) for _ in range(RESPONSIVE_RECENT_TASKS)]
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


def test_text_matches_are_the_newest_tasks_mentioning_the_words_newest_first(monkeypatch):
    # Given more tasks mentioning "pandas" than the window holds
    monkeypatch.setattr(w, "TEXT_RANK_WINDOW", 2)
    tasks = [TaskFactory(title=f"Clean data with pandas {n}") for n in range(4)]
    TaskFactory(title="Design a logo")
    # When the tasks mentioning the words are looked up
    found = task_text_matches(Task.objects.all(), ["pandas"])
    # Then only the newest two come back, newest first
    assert [task.pk for task in found] == [tasks[3].pk, tasks[2].pk]


def test_text_window_counts_matches_the_drafter_cannot_apply_to(monkeypatch):
    # Given a window of two, and the newest two tasks mentioning "pandas" closed
    monkeypatch.setattr(w, "TEXT_RANK_WINDOW", 2)
    older = TaskFactory(title="Clean data with pandas, the oldest")
    TaskFactory(title="Plot pandas charts", state=Task.State.CLOSED)
    TaskFactory(title="Merge pandas frames", state=Task.State.CLOSED)
    # When the open tasks among the window are looked up
    found = task_text_matches(Task.objects.filter(state=Task.State.OPEN), ["pandas"])
    # Then the older open match, outside the window of the newest two matches, is not found
    assert older.pk not in [task.pk for task in found]
    assert list(found) == []


def test_text_relevance_prefers_more_mentions_of_rarer_words():
    texts = {
        1: "clean survey data with pandas, plot pandas",
        2: "clean survey data with pandas, plot it",
        3: "a survey of the results for a report",
        4: "design a logo",
    }
    relevance = text_relevance(texts=texts, words=["pandas", "survey"])
    # The best text scores 1; a text without the words is left out
    assert relevance[1] == 1.0
    assert set(relevance) == {1, 2, 3}
    # Two mentions of the rarer word beat one, and a word in most texts counts for less
    assert relevance[1] > relevance[2] > relevance[3]


def test_a_word_counts_in_its_longer_forms():
    relevance = text_relevance(
        texts={1: "user interviews and interviewing", 2: "a preview of it"}, words=["interview"]
    )
    assert set(relevance) == {1}


def _recommend_reasons(client_for, drafter) -> list[str]:
    [row] = client_for(drafter).get("/api/v1/me/recommendations/").json()
    return row["reasons"]


def test_a_mentors_reply_time_is_cached_for_a_while_then_counted_again(client_for, make_drafter):
    # Given a mentor who answered two applications within a day
    drafter = make_drafter({"Python": WORKING})
    task = TaskFactory(title="Quick mentor", skills=[SkillFactory(name="Python")])
    for _ in range(2):
        _answered(TaskFactory(mentor=task.mentor), after_days=0.5)
    assert "Mentor replies within 1 day" in _recommend_reasons(client_for, drafter)
    # When they then answer slowly
    for _ in range(4):
        _answered(TaskFactory(mentor=task.mentor), after_days=20)
    # Then recommendations keep the figure until the cache period ends …
    assert "Mentor replies within 1 day" in _recommend_reasons(client_for, drafter)
    later = timezone.now() + timedelta(seconds=RESPONSIVE_CACHE_SECONDS + 1)
    with time_machine.travel(later):
        reasons = _recommend_reasons(client_for, drafter)
    # … and then count the slow answers: no longer a quick mentor
    assert not any(reason.startswith("Mentor replies") for reason in reasons)
