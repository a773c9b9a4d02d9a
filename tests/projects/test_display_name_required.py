"""Nobody publishes a task, applies or sends an offer as "member-c73f8e" (issue 22): the person
is asked for their name first, with a 409 that says what to do, and succeeds once named."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Profile
from projects.offers.services.settings import offer_settings_update
from tests.factories import TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTE = {
    "note": "I have done this twice for clients and can start tomorrow.",
    "work_sample_link": "https://example.org/work",
}


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _nameless():
    return UserFactory(finish__display_name="")


def _refused_for_the_name(response) -> str:
    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["code"] == "display_name_required"
    assert error["fields"]["display_name"] == [error["message"]]
    return error["message"]


def test_a_mentor_without_a_name_cannot_publish_and_is_told_how_to_fix_it():
    mentor = _nameless()
    task = TaskFactory(mentor=mentor, state="draft", published_at=None)

    message = _refused_for_the_name(_client(mentor).post(f"/api/v1/tasks/{task.pk}/publish/"))

    assert message.startswith("Add your name to publish a task")
    assert mentor.profile.handle in message and "Settings → Profile" in message
    task.refresh_from_db()
    assert task.state == "draft"


def test_the_same_mentor_publishes_once_named():
    mentor = _nameless()
    task = TaskFactory(mentor=mentor, state="draft", published_at=None)
    client = _client(mentor)

    named = client.patch("/api/v1/me/", {"display_name": "Ada Park"}, format="json")
    mentor.profile.refresh_from_db()  # the next request's user, loaded afresh
    published = client.post(f"/api/v1/tasks/{task.pk}/publish/")

    assert named.status_code == 200
    assert published.status_code == 200, published.content
    assert published.json()["state"] == "open"


def test_a_blank_name_is_no_name():
    mentor = UserFactory(finish__display_name="")
    Profile.objects.filter(user=mentor).update(display_name="   ")
    task = TaskFactory(mentor=mentor, state="draft", published_at=None)

    _refused_for_the_name(_client(mentor).post(f"/api/v1/tasks/{task.pk}/publish/"))


def test_a_drafter_without_a_name_cannot_apply_until_named():
    drafter = _nameless()
    task = TaskFactory()
    client = _client(drafter)

    message = _refused_for_the_name(
        client.post(f"/api/v1/tasks/{task.pk}/applications/", NOTE, format="json")
    )
    assert message.startswith("Add your name to apply")

    client.patch("/api/v1/me/", {"display_name": "Sam Lee"}, format="json")
    drafter.profile.refresh_from_db()  # the next request's user, loaded afresh
    applied = client.post(f"/api/v1/tasks/{task.pk}/applications/", NOTE, format="json")
    assert applied.status_code == 201, applied.content


def test_a_task_hidden_from_the_drafter_stays_a_404_before_the_name_is_asked():
    task = TaskFactory(state="draft", published_at=None)

    response = _client(_nameless()).post(
        f"/api/v1/tasks/{task.pk}/applications/", NOTE, format="json"
    )

    assert response.status_code == 404


def test_a_drafter_without_a_name_cannot_send_an_offer():
    mentor = UserFactory(finish__display_name="Maya Mentor")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    body = {
        "title": "Tidy your interview notes",
        "what": "I will turn the twelve interview notes into one findings table with quotes.",
        "estimated_hours": 4,
        "by_when": str(timezone.localdate() + datetime.timedelta(days=21)),
        "work_sample_link": "https://example.org/work",
    }

    response = _client(_nameless()).post(
        f"/api/v1/mentors/{mentor.profile.handle}/offers/", body, format="json"
    )

    assert _refused_for_the_name(response).startswith("Add your name to send an offer")
