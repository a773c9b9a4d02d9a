"""The task reads remember DRF's content negotiation per Accept header: the answer must stay
DRF's own, the second time as the first (a refusal is never remembered as a success)."""

import pytest

from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_an_accept_header_gets_the_same_answer_every_time(api_client):
    task = TaskFactory()
    for _ in range(2):
        for accept in ("application/json", "*/*", "text/html,*/*;q=0.8"):
            response = api_client.get(f"/api/v1/tasks/{task.pk}/", HTTP_ACCEPT=accept)
            assert response.status_code == 200
            assert response["Content-Type"].startswith("application/json")
            assert response.json()["id"] == task.pk
        refused = api_client.get("/api/v1/tasks/", HTTP_ACCEPT="application/xml")
        assert refused.status_code == 406
        assert refused.json()["error"]["code"]


def test_a_format_override_still_takes_drfs_path(api_client):
    TaskFactory()
    assert api_client.get("/api/v1/tasks/?format=json").status_code == 200
    assert api_client.get("/api/v1/tasks/?format=xml").status_code == 404
