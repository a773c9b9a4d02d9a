"""Closing an account lets go of everything the person had open in the marketplace, and a
closed account's tasks take no applications and its handle no introductions (issue 14, item 7)."""

import pytest
import stripe
from rest_framework.test import APIClient

from projects.models import Application, Engagement, Introduction, Task
from projects.stipends.models import Stipend
from tests.factories import (
    DEFAULT_PASSWORD,
    ApplicationFactory,
    EngagementFactory,
    TaskFactory,
    UserFactory,
)
from tests.stipends.conftest import Webhooks, make_paid_engagement, pay

pytestmark = pytest.mark.django_db(transaction=True)


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _close(user):
    return _client(user).post("/api/v1/me/delete/", {"password": DEFAULT_PASSWORD}, format="json")


def test_closing_an_account_cancels_tasks_withdraws_applications_and_cancels_engagements():
    person = UserFactory()
    open_task = TaskFactory(mentor=person)
    draft_task = TaskFactory(mentor=person, state=Task.State.DRAFT)
    closed_task = TaskFactory(mentor=person, state=Task.State.CLOSED)
    applicant = ApplicationFactory(task=open_task)
    waiting = ApplicationFactory(task=closed_task)
    my_application = ApplicationFactory(drafter=person)
    as_mentor = EngagementFactory(application__task=TaskFactory(mentor=person))
    as_drafter = EngagementFactory(application__drafter=person)

    response = _close(person)

    assert response.status_code == 204
    assert Task.objects.get(pk=open_task.pk).state == Task.State.CANCELLED
    assert Task.objects.get(pk=draft_task.pk).state == Task.State.CANCELLED
    assert Application.objects.get(pk=applicant.pk).state == Application.State.DECLINED
    assert Application.objects.get(pk=waiting.pk).state == Application.State.DECLINED
    assert Application.objects.get(pk=my_application.pk).state == Application.State.WITHDRAWN
    assert Engagement.objects.get(pk=as_mentor.pk).state == Engagement.State.CANCELLED
    assert Engagement.objects.get(pk=as_drafter.pk).state == Engagement.State.CANCELLED
    person.refresh_from_db()
    assert not person.is_active


def test_a_wrong_password_closes_nothing():
    person = UserFactory()
    task = TaskFactory(mentor=person)

    response = _client(person).post("/api/v1/me/delete/", {"password": "nope"}, format="json")

    assert response.status_code == 403
    assert Task.objects.get(pk=task.pk).state == Task.State.OPEN


def test_closing_refunds_a_funded_stipend(
    stripe_standin_settings, django_capture_on_commit_callbacks
):

    engagement = make_paid_engagement()
    pay(stripe_standin_settings, engagement)
    Webhooks(
        stripe.StripeClient(
            "sk_test_slipstream",
            base_addresses={"api": stripe_standin_settings.base_url},
            max_network_retries=0,
        )
    ).deliver()
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.FUNDED

    response = _close(engagement.mentor)

    assert response.status_code == 204
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.REFUNDED


def test_tasks_of_an_inactive_mentor_are_not_browsable_nor_open_to_applications():
    mentor = UserFactory()
    task = TaskFactory(mentor=mentor)
    mentor.is_active = False
    mentor.save(update_fields=["is_active"])
    drafter = UserFactory()

    listed = _client(drafter).get("/api/v1/tasks/").json()["results"]
    applied = _client(drafter).post(
        f"/api/v1/tasks/{task.pk}/applications/",
        {"note": "I can help with this.", "work_sample_link": "https://example.org/w"},
        format="json",
    )

    assert task.pk not in [row["id"] for row in listed]
    assert applied.status_code == 404
    assert not Application.objects.filter(task=task).exists()


def test_a_closed_accounts_handle_takes_no_introductions():
    drafter = UserFactory()
    handle = drafter.profile.handle
    drafter.is_active = False
    drafter.save(update_fields=["is_active"])
    task = TaskFactory()

    response = _client(UserFactory()).post(
        "/api/v1/introductions/",
        {"task_id": task.pk, "drafter_handle": handle, "note": "You would be great."},
        format="json",
    )

    assert response.status_code == 404  # nobody (active) has that handle
    assert not Introduction.objects.exists()
