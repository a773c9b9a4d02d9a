"""Tasks: create, edit, publish, close, cancel, archive; never hard-deleted once applied to."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.utils.timezone import now as django_now

from projects.models import Application, Engagement, Task
from projects.services.tasks import task_create
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Clean up a survey dataset",
    "description": "Tidy **300 responses** and chart them.",
    "estimated_hours": 8,
    "what_you_gain": "A reference letter and a chart for your portfolio.",
}


def test_mentor_creates_a_draft_task_with_skills(client_for, mentor):
    skill = SkillFactory(name="Data analysis", slug="data-analysis")
    response = client_for(mentor).post(
        "/api/v1/tasks/", {**VALID, "skill_ids": [skill.pk], "questions": ["Which tools?"]}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft"
    assert body["skills"] == [{"id": skill.pk, "slug": "data-analysis", "name": "Data analysis"}]
    assert "<strong>300 responses</strong>" in body["description_html"]
    assert body["is_mine"] is True
    assert Task.objects.get(pk=body["id"]).skills_text == "Data analysis"


def test_description_html_is_sanitised(client_for, mentor):
    response = client_for(mentor).post(
        "/api/v1/tasks/",
        {**VALID, "description": "<script>alert(1)</script>[x](javascript:alert(2))"},
    )
    html = response.json()["description_html"]
    assert "<script" not in html
    assert "javascript:" not in html


def test_unpaid_task_requires_what_you_gain(client_for, mentor):
    response = client_for(mentor).post("/api/v1/tasks/", {**VALID, "what_you_gain": ""})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "what_you_gain_required"
    assert not Task.objects.exists()


@override_settings(STIPEND_MAX_MINOR=50_000)
@pytest.mark.parametrize(
    ("amount", "ok"), [(99, False), (100, True), (50_000, True), (50_001, False)]
)
def test_stipend_must_be_within_limits(client_for, mentor, amount, ok):
    response = client_for(mentor).post(
        "/api/v1/tasks/", {**VALID, "what_you_gain": "", "stipend_amount": amount}
    )
    assert (response.status_code == 201) is ok, response.json()
    if not ok:
        assert response.json()["error"]["code"] == "stipend_out_of_range"
    assert Task.objects.count() == int(ok)


def test_on_site_task_needs_a_location(client_for, mentor):
    response = client_for(mentor).post("/api/v1/tasks/", {**VALID, "is_remote": False})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["location"]


def test_publish_close_archive_walk_the_lifecycle(client_for, mentor):
    client = client_for(mentor)
    task_id = client.post("/api/v1/tasks/", VALID).json()["id"]
    published = client.post(f"/api/v1/tasks/{task_id}/publish/").json()
    assert published["state"] == "open"
    assert published["published_at"]
    assert client.post(f"/api/v1/tasks/{task_id}/close/").json()["state"] == "closed"
    assert client.post(f"/api/v1/tasks/{task_id}/archive/").json()["state"] == "archived"
    again = client.post(f"/api/v1/tasks/{task_id}/publish/")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "task_state_invalid"


def test_publishing_with_a_past_deadline_is_refused(client_for, mentor):
    with time_machine.travel(datetime.date(2030, 1, 1)):
        task = task_create(mentor=mentor, data={**VALID, "deadline": datetime.date(2030, 1, 10)})
    with time_machine.travel(datetime.date(2030, 2, 1)):
        response = client_for(mentor).post(f"/api/v1/tasks/{task.pk}/publish/")
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.state == "draft"


def test_only_the_mentor_can_edit_or_publish(client_for, mentor):
    task = task_create(mentor=mentor, data=VALID)
    stranger = client_for(UserFactory())
    assert stranger.patch(f"/api/v1/tasks/{task.pk}/", {"title": "Mine now"}).status_code == 404
    assert stranger.post(f"/api/v1/tasks/{task.pk}/publish/").status_code == 404
    task.refresh_from_db()
    assert task.title == VALID["title"]
    assert task.state == "draft"


def test_edit_updates_fields_and_skills(client_for, mentor):
    task = TaskFactory(mentor=mentor)
    skill = SkillFactory(name="Figma", slug="figma")
    response = client_for(mentor).patch(
        f"/api/v1/tasks/{task.pk}/", {"title": "New title", "skill_ids": [skill.pk]}
    )
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.title == "New title"
    assert task.skills_text == "Figma"


def test_cancel_tells_pending_applicants_kindly(client_for, mentor):
    task = TaskFactory(mentor=mentor)
    application = ApplicationFactory(task=task)
    response = client_for(mentor).post(f"/api/v1/tasks/{task.pk}/cancel/")
    assert response.json()["state"] == "cancelled"
    application.refresh_from_db()
    assert application.state == "declined"
    assert "cancelled" in application.decline_note
    assert application.drafter.notifications.filter(kind="application_declined").exists()


def test_draft_without_applications_can_be_deleted(client_for, mentor):
    task = task_create(mentor=mentor, data=VALID)
    assert client_for(mentor).delete(f"/api/v1/tasks/{task.pk}/").status_code == 204
    assert not Task.objects.filter(pk=task.pk).exists()


def test_task_with_applications_is_never_hard_deleted(client_for, mentor):
    task = TaskFactory(mentor=mentor)
    ApplicationFactory(task=task)
    response = client_for(mentor).delete(f"/api/v1/tasks/{task.pk}/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "task_has_applications"
    assert Task.objects.filter(pk=task.pk).exists()
    assert Application.objects.filter(task=task).exists()


def test_drafts_are_invisible_to_others(client_for, mentor, api_client):
    task = task_create(mentor=mentor, data=VALID)
    assert api_client.get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert client_for(UserFactory()).get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert client_for(mentor).get(f"/api/v1/tasks/{task.pk}/").status_code == 200


def test_task_detail_query_count(api_client, django_assert_max_num_queries):
    task = TaskFactory(skills=[SkillFactory(), SkillFactory()])
    # task + skills + institutions, and two for the mentor card (track record, response time)
    with django_assert_max_num_queries(6):
        response = api_client.get(f"/api/v1/tasks/{task.pk}/")
    assert response.status_code == 200
    assert len(response.json()["skills"]) == 2


def test_task_page_shows_the_mentors_track_record(api_client):
    task = TaskFactory()
    done = EngagementFactory(
        application__task=TaskFactory(mentor=task.mentor), state=Engagement.State.COMPLETED
    )
    answered = ApplicationFactory(task=task, state=Application.State.SHORTLISTED)
    Application.objects.filter(pk=answered.pk).update(
        created_at=django_now() - datetime.timedelta(hours=30), updated_at=django_now()
    )
    Application.objects.filter(pk=done.application_id).update(
        created_at=django_now() - datetime.timedelta(hours=10), updated_at=django_now()
    )
    ApplicationFactory(task=task)  # not answered yet: does not count towards response time

    body = api_client.get(f"/api/v1/tasks/{task.pk}/").json()

    card = body["mentor_card"]
    assert card["handle"] == task.mentor.profile.handle
    assert (card["drafts_completed"], card["people_helped"]) == (1, 1)
    assert card["median_response_hours"] == 20  # the median of 10 h and 30 h
    assert card["avatar_url"] is None
    assert body["applicant_count"] == 2  # this task's applicants only
    assert done.drafter.profile.handle not in str(card)


def test_anonymous_cannot_create_tasks(api_client):
    response = api_client.post("/api/v1/tasks/", VALID)
    assert response.status_code == 401
    assert not Task.objects.exists()
