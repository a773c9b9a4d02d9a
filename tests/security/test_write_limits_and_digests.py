"""Per-person limits on introductions, applications and new tasks; chat messages e-mailed as
one delayed digest, not one e-mail per message (issue 14, item 9)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from marketplace.api.throttling import WriteScopedRateThrottle
from projects.models import Introduction
from projects.tasks import message_digests_run
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def tight_limits(monkeypatch):
    # DRF throttles read their rates once, when the class is defined (as tests/marketplace does).
    monkeypatch.setattr(
        WriteScopedRateThrottle,
        "THROTTLE_RATES",
        {"introductions": "3/day", "applications": "3/day", "task_create": "3/day"},
    )


def test_introductions_are_limited_per_person(tight_limits):
    introducer = _client(UserFactory())
    task = TaskFactory()
    handles = [UserFactory().profile.handle for _ in range(5)]

    statuses = [
        introducer.post(
            "/api/v1/introductions/",
            {"task_id": task.pk, "drafter_handle": handle, "note": "You would be great."},
            format="json",
        ).status_code
        for handle in handles
    ]

    assert statuses == [201, 201, 201, 429, 429]
    assert Introduction.objects.count() == 3
    # Someone else is not affected.
    other = _client(UserFactory()).post(
        "/api/v1/introductions/",
        {"task_id": task.pk, "drafter_handle": handles[4], "note": "Try this one."},
        format="json",
    )
    assert other.status_code == 201


def test_applications_are_limited_per_person(tight_limits):
    drafter = _client(UserFactory())
    tasks = [TaskFactory() for _ in range(4)]

    statuses = [
        drafter.post(
            f"/api/v1/tasks/{task.pk}/applications/",
            {"note": "I can help.", "work_sample_link": "https://example.org/w"},
            format="json",
        ).status_code
        for task in tasks
    ]

    assert statuses == [201, 201, 201, 429]


def test_task_creation_is_limited_but_browsing_is_not(tight_limits):
    mentor = _client(UserFactory())
    body = {
        "title": "Tidy a dataset",
        "description": "Clean up a CSV of survey answers.",
        "estimated_hours": 3,
        "what_you_gain": "A reference.",
    }

    created = [mentor.post("/api/v1/tasks/", body, format="json").status_code for _ in range(4)]
    browsed = [mentor.get("/api/v1/tasks/").status_code for _ in range(5)]

    assert created[:3] == [201, 201, 201], created
    assert created[3] == 429
    assert browsed == [200] * 5


def test_chat_messages_are_emailed_as_one_delayed_digest(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    drafter = _client(application.drafter)
    url = f"/api/v1/applications/{application.pk}/messages/"
    start = timezone.now()

    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            assert drafter.post(url, {"body": f"Message {n}"}, format="json").status_code == 201

    assert mail.outbox == []
    assert application.task.mentor.notifications.filter(kind="message").count() == 5

    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first = message_digests_run.call()
        with django_capture_on_commit_callbacks(execute=True):
            again = message_digests_run.call()

    assert (first, again) == (1, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.task.mentor.email]
    assert "5 unread messages" in mail.outbox[0].subject


def test_messages_read_before_the_digest_are_not_emailed(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    url = f"/api/v1/applications/{application.pk}/messages/"
    start = timezone.now()
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        _client(application.drafter).post(url, {"body": "Hello"}, format="json")
        _client(application.task.mentor).get(url)  # reading the thread marks it read

    later = time_machine.travel(start + timedelta(minutes=16), tick=False)
    with later, django_capture_on_commit_callbacks(execute=True):
        assert message_digests_run.call() == 0

    assert mail.outbox == []
