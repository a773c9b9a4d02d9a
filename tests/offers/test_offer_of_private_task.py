"""A private task made from an accepted offer finds its offer (GET /me/offers/?task=<id>), so its
page can point both people to the engagement instead of reading like a public post."""

import pytest

from tests.factories import TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_both_people_find_the_offer_a_private_task_was_made_from(
    send_offer, client_for, mentor, drafter
):
    send_offer(UserFactory(), mentor)  # another offer, not accepted: not listed
    offer_id = send_offer(drafter, mentor).json()["id"]
    accepted = client_for(mentor).post(f"/api/v1/offers/{offer_id}/accept/", {}, format="json")
    task_id, engagement_id = accepted.json()["task_id"], accepted.json()["engagement_id"]

    for person in (mentor, drafter):
        rows = client_for(person).get(f"/api/v1/me/offers/?task={task_id}").json()["results"]
        assert [(r["id"], r["engagement_id"]) for r in rows] == [(offer_id, engagement_id)]


def test_someone_else_finds_no_offer_for_the_task(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]
    task_id = (
        client_for(mentor)
        .post(f"/api/v1/offers/{offer_id}/accept/", {}, format="json")
        .json()["task_id"]
    )

    response = client_for(UserFactory()).get(f"/api/v1/me/offers/?task={task_id}")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_public_task_has_no_offer(client_for):
    task = TaskFactory()
    rows = client_for(task.mentor).get(f"/api/v1/me/offers/?task={task.pk}").json()["results"]
    assert rows == []


@pytest.mark.parametrize("bad", ["abc", "-1", "1.5", "١٢", "9" * 30])
def test_a_task_filter_that_is_not_an_id_is_refused_clearly(client_for, drafter, bad):
    response = client_for(drafter).get("/api/v1/me/offers/", {"task": bad})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["task"] == ["Give a task's id."]
