"""Public reads are cacheable and answer a conditional GET with 304; what depends on the
signed-in viewer is never stored by a cache."""

import pytest
from django.test import Client

from projects.services.tasks import task_update
from tests.factories import TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def task():
    return TaskFactory(title="Chart the survey answers")


@pytest.mark.parametrize("path", ["/api/v1/tasks/?page_size=20", "/api/v1/tasks/{id}/"])
def test_anonymous_read_revalidates_to_304_until_it_changes(task, path):
    url = path.format(id=task.pk)
    client = Client()
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=30" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    task_update(task_id=task.pk, mentor=task.mentor, data={"title": "Chart the answers, again"})
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Chart the answers, again" in changed.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/tasks/?page_size=20", "/api/v1/tasks/{id}/"])
def test_signed_in_read_is_private_and_never_304(task, path):
    url = path.format(id=task.pk)
    anonymous_etag = Client().get(url)["ETag"]
    client = _signed_in(UserFactory())

    response = client.get(url, headers={"If-None-Match": anonymous_etag})

    assert response.status_code == 200
    assert response.json()
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "ETag" not in response
    assert "Cookie" in response["Vary"]


def test_a_missing_task_is_not_cached():
    response = Client().get("/api/v1/tasks/999999/")
    assert response.status_code == 404
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_site_config_is_public_for_everyone_and_answers_304():
    anonymous = Client().get("/api/v1/config/")
    signed_in = _signed_in(UserFactory()).get("/api/v1/config/")
    assert anonymous.status_code == signed_in.status_code == 200
    assert "public" in signed_in["Cache-Control"] and "max-age=300" in signed_in["Cache-Control"]
    assert anonymous["ETag"] == signed_in["ETag"]

    revalidated = Client().get("/api/v1/config/", headers={"If-None-Match": anonymous["ETag"]})
    assert revalidated.status_code == 304
