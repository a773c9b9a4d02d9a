"""Application lists cost the same with accepted rows as with submitted ones (issue 14, item 10)."""

import pytest
from rest_framework.test import APIClient

from projects.models import Application
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_mentor_list_with_accepted_applications_is_not_one_query_per_row(
    django_assert_max_num_queries,
):
    mentor = UserFactory()
    task = TaskFactory(mentor=mentor, slots=6)
    for _ in range(5):
        EngagementFactory(application__task=task)
    ApplicationFactory(task=task)
    assert Application.objects.filter(task=task, state="accepted").count() == 5

    with django_assert_max_num_queries(5):
        response = _client(mentor).get(f"/api/v1/tasks/{task.pk}/applications/")

    rows = response.json()["results"]
    assert len(rows) == 6
    assert sum(row["engagement_id"] is not None for row in rows) == 5


def test_drafter_list_with_accepted_applications_is_not_one_query_per_row(
    django_assert_max_num_queries,
):
    drafter = UserFactory()
    for _ in range(5):
        EngagementFactory(application__drafter=drafter)

    with django_assert_max_num_queries(5):
        response = _client(drafter).get("/api/v1/me/applications/")

    assert [row["engagement_id"] is not None for row in response.json()["results"]] == [True] * 5
