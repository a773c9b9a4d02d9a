"""Mentors' response rates (shown on cards and the task page, a reminder and a lower rank when
low) and task levels (asked, shown, filtered; an `experienced` task never reaches a learner)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Notification
from projects.matching.recommendations import (
    task_recommendations_for_user,
    task_recommended_drafters,
)
from projects.models import Application, Task
from projects.response_rates import mentor_response_rates
from projects.services.applications import application_decline
from projects.services.closure import applications_close_due
from projects.services.nudges import nudges_plan, nudges_send_due
from tests.factories import ApplicationFactory, SkillFactory, TaskFactory, UserFactory
from tests.matching.conftest import EXPERT, LEARNING, WORKING

pytestmark = pytest.mark.django_db

A = Application.State


def _answered(task, *, after=timedelta(hours=10)):
    """An application the mentor declines `after` it came (through the service, which stores
    the mentor's figure as browse reads it)."""
    application = ApplicationFactory(task=task)
    with time_machine.travel(application.created_at + after, tick=False):
        application_decline(application_id=application.pk, mentor=task.mentor)


def _mentor_with(*, answered: int, ignored: int):
    """A mentor with `answered` applications answered within hours and `ignored` left to the
    automatic close, all within the last 90 days."""
    task = TaskFactory()
    start = timezone.now() - timedelta(days=30)
    with time_machine.travel(start, tick=False):
        for n in range(answered):
            _answered(task, after=timedelta(hours=4 + 4 * n))
        for _ in range(ignored):
            ApplicationFactory(task=task)
    applications_close_due(now=timezone.now())
    cache.clear()
    return task


def test_response_rate_counts_answers_within_14_days_not_automatic_closes():
    task = _mentor_with(answered=4, ignored=6)
    late = ApplicationFactory(task=task)  # inside its 14 days: counts neither way
    assert late.state == A.SUBMITTED

    figures = mentor_response_rates(mentor_ids={task.mentor_id}, now=timezone.now())
    assert figures[task.mentor_id]["response_rate"] == 0.4
    assert figures[task.mentor_id]["applications"] == 10
    # Answered after 4, 8, 12 and 16 hours: the median is 10; fewer than 5 answers hide it.
    assert figures[task.mentor_id]["median_reply_hours"] is None


def test_response_rate_and_median_show_on_cards_and_the_task_page(api_client):
    task = _mentor_with(answered=5, ignored=0)
    fresh = TaskFactory()

    page = api_client.get(f"/api/v1/tasks/{task.pk}/").json()
    assert page["mentor_card"]["response_rate"] == 1.0
    assert page["mentor_card"]["median_reply_hours"] == 12
    assert page["level"] == "some_experience"
    cards = {row["id"]: row for row in api_client.get("/api/v1/tasks/").json()["results"]}
    assert cards[task.pk]["mentor_response_rate"] == 1.0
    assert cards[task.pk]["mentor_median_reply_hours"] == 12
    assert cards[fresh.pk]["mentor_response_rate"] is None  # too few to say
    assert cards[fresh.pk]["level"] == "some_experience"


def test_a_mentor_who_answers_under_half_is_asked_once_a_month_to_pause_or_close_tasks():
    task = _mentor_with(answered=4, ignored=6)
    responsive = _mentor_with(answered=8, ignored=2)
    for _ in range(2):
        nudges_plan()
        nudges_send_due()
    asked = Notification.objects.filter(kind="nudge_low_response_rate")
    assert [n.recipient_id for n in asked] == [task.mentor_id]
    assert asked.get().url == "/dashboard/"
    assert responsive.mentor_id not in {n.recipient_id for n in asked}
    with time_machine.travel(timezone.now() + timedelta(days=32), tick=False):
        for _ in range(2):
            nudges_plan()
            nudges_send_due()
    # Still low the next month (those applications are still within 90 days): asked once more.
    assert Notification.objects.filter(kind="nudge_low_response_rate").count() == 2


def test_tasks_of_a_mentor_who_rarely_answers_rank_lower(make_drafter):
    drafter = make_drafter({"Python": WORKING}, weekly_hours=10)
    python = SkillFactory(name="Python")
    silent = _mentor_with(answered=2, ignored=8).mentor
    answering = _mentor_with(answered=10, ignored=0).mentor
    silent_task = TaskFactory(mentor=silent, skills=[python], title="Python A")
    answering_task = TaskFactory(mentor=answering, skills=[python], title="Python B")
    Task.objects.filter(pk=silent_task.pk).update(published_at=answering_task.published_at)

    shown = [row["id"] for row in task_recommendations_for_user(user=drafter)]
    assert shown.index(answering_task.pk) < shown.index(silent_task.pk)


def test_an_experienced_task_never_reaches_someone_learning_all_its_skills(make_drafter):
    learner = make_drafter({"Kubernetes": LEARNING, "Docker": LEARNING}, weekly_hours=20)
    skills = [SkillFactory(name="Kubernetes"), SkillFactory(name="Docker")]
    senior = TaskFactory(skills=skills, level=Task.Level.EXPERIENCED, title="Run our cluster")
    starter = TaskFactory(
        skills=skills[1:], level=Task.Level.BEGINNER_FRIENDLY, title="A first Dockerfile"
    )
    middle = TaskFactory(skills=skills[1:], title="Tidy our compose file")

    rows = task_recommendations_for_user(user=learner)
    shown = [row["id"] for row in rows]
    assert senior.pk not in shown
    assert shown.index(starter.pk) < shown.index(middle.pk)
    starter_row = rows[shown.index(starter.pk)]
    assert "Beginner-friendly: a good first task for your learning" in starter_row["reasons"]
    assert starter_row["level"] == "beginner_friendly"

    expert = make_drafter({"Kubernetes": EXPERT}, weekly_hours=20)
    assert senior.pk in [row["id"] for row in task_recommendations_for_user(user=expert)]


def test_a_mentor_is_not_recommended_learners_for_an_experienced_task(make_drafter):
    learner = make_drafter({"Kubernetes": LEARNING}, weekly_hours=20, discoverable=True)
    expert = make_drafter({"Kubernetes": EXPERT}, weekly_hours=20, discoverable=True)
    task = TaskFactory(skills=[SkillFactory(name="Kubernetes")], level=Task.Level.EXPERIENCED)

    rows = task_recommended_drafters(task_id=task.pk, mentor=task.mentor)
    handles = [row["handle"] for row in rows]
    assert expert.profile.handle in handles
    assert learner.profile.handle not in handles


def test_the_task_input_asks_the_level_and_browse_filters_by_it(client_for, api_client):
    mentor = UserFactory()
    body = {
        "title": "Write a first unit test",
        "description": "One test for our date parser.",
        "estimated_hours": 2,
        "what_you_gain": "A reviewed pull request.",
        "level": "beginner_friendly",
    }
    created = client_for(mentor).post("/api/v1/tasks/", body, format="json")
    assert created.status_code == 201
    assert created.json()["level"] == "beginner_friendly"
    task_id = created.json()["id"]
    assert client_for(mentor).post(f"/api/v1/tasks/{task_id}/publish/").status_code == 200
    TaskFactory(level=Task.Level.EXPERIENCED)

    found = api_client.get("/api/v1/tasks/?level=beginner_friendly").json()["results"]
    assert [row["id"] for row in found] == [task_id]
    bad = api_client.get("/api/v1/tasks/?level=guru")
    assert bad.status_code == 400
    assert "level" in bad.json()["error"]["fields"]
    refused = client_for(mentor).post("/api/v1/tasks/", {**body, "level": "guru"}, format="json")
    assert refused.status_code == 400
    edited = client_for(mentor).patch(
        f"/api/v1/tasks/{task_id}/", {"level": "experienced"}, format="json"
    )
    assert edited.json()["level"] == "experienced"
