"""A mentor's recommended drafters and invitations; the drafter decides."""

import pytest

from tests.factories import ApplicationFactory, PortfolioItemFactory, SkillFactory, TaskFactory
from tests.matching.conftest import EXPERT, LEARNING, WORKING

pytestmark = pytest.mark.django_db


@pytest.fixture
def python_task(db):
    return TaskFactory(title="Tidy a pandas notebook", skills=[SkillFactory(name="Python")])


def test_only_discoverable_drafters_are_recommended_best_first_with_reasons(
    client_for, make_drafter, python_task
):
    expert = make_drafter({"Python": EXPERT}, discoverable=True, handle="ada")
    learner = make_drafter({"Python": LEARNING}, discoverable=True, handle="bo")
    make_drafter({"Python": EXPERT}, discoverable=False, handle="hidden")
    make_drafter({"Illustration": EXPERT}, discoverable=True, handle="artist")
    applied = make_drafter({"Python": EXPERT}, discoverable=True, handle="applied")
    ApplicationFactory(task=python_task, drafter=applied)
    PortfolioItemFactory(owner=expert).skills.add(SkillFactory(name="Python"))

    response = client_for(python_task.mentor).get(
        f"/api/v1/tasks/{python_task.pk}/recommended-drafters/"
    )

    assert response.status_code == 200
    body = response.json()
    assert [row["handle"] for row in body] == ["ada", "bo"]
    assert body[0]["reasons"][:2] == [
        "Has 1 of the task's skills: Python",
        "Their portfolio shows Python",
    ]
    assert "A stretch: they are learning Python" in body[1]["reasons"]
    assert learner.profile.handle == "bo"


def test_another_mentors_task_has_no_recommended_drafters_for_you(
    client_for, make_drafter, python_task
):
    stranger = make_drafter()
    response = client_for(stranger).get(f"/api/v1/tasks/{python_task.pk}/recommended-drafters/")
    assert response.status_code == 404


def test_invite_once_then_the_drafter_sees_it_and_applies(client_for, make_drafter, python_task):
    drafter = make_drafter({"Python": WORKING}, discoverable=True, handle="cy")
    mentor = client_for(python_task.mentor)

    first = mentor.post(
        f"/api/v1/tasks/{python_task.pk}/invitations/",
        {"drafter_handle": "cy", "note": "Your notebook work fits."},
        format="json",
    )
    again = mentor.post(
        f"/api/v1/tasks/{python_task.pk}/invitations/", {"drafter_handle": "cy"}, format="json"
    )

    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invitation_exists"
    drafters = mentor.get(f"/api/v1/tasks/{python_task.pk}/recommended-drafters/").json()
    assert drafters[0]["invited"] is True
    [invitation] = client_for(drafter).get("/api/v1/me/invitations/").json()
    assert invitation["task_title"] == "Tidy a pandas notebook"
    assert invitation["application_id"] is None
    assert invitation["reasons"][0] == "Matches 1 of your skills: Python"
    assert drafter.notifications.filter(kind="invitation_new").count() == 1

    item = PortfolioItemFactory(owner=drafter)
    client_for(drafter).post(
        f"/api/v1/tasks/{python_task.pk}/applications/",
        {"note": "Happy to.", "portfolio_item_ids": [item.pk]},
        format="json",
    )
    [invitation] = client_for(drafter).get("/api/v1/me/invitations/").json()
    assert invitation["application_id"] is not None


def test_a_drafter_who_is_not_discoverable_cannot_be_invited(client_for, make_drafter, python_task):
    make_drafter({"Python": EXPERT}, handle="private")
    response = client_for(python_task.mentor).post(
        f"/api/v1/tasks/{python_task.pk}/invitations/", {"drafter_handle": "private"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "drafter_not_discoverable"


def test_only_the_tasks_mentor_can_invite(client_for, make_drafter, python_task):
    make_drafter({"Python": EXPERT}, discoverable=True, handle="dee")
    response = client_for(make_drafter()).post(
        f"/api/v1/tasks/{python_task.pk}/invitations/", {"drafter_handle": "dee"}, format="json"
    )
    assert response.status_code == 404


def test_a_declined_invitation_takes_the_task_out_of_recommendations(
    client_for, make_drafter, python_task
):
    drafter = make_drafter({"Python": WORKING}, discoverable=True, handle="eve")
    client_for(python_task.mentor).post(
        f"/api/v1/tasks/{python_task.pk}/invitations/", {"drafter_handle": "eve"}, format="json"
    )
    [invitation] = client_for(drafter).get("/api/v1/me/invitations/").json()

    declined = client_for(drafter).post(f"/api/v1/invitations/{invitation['id']}/decline/")
    twice = client_for(drafter).post(f"/api/v1/invitations/{invitation['id']}/decline/")

    assert declined.json()["state"] == "declined"
    assert twice.status_code == 409
    assert client_for(drafter).get("/api/v1/me/recommendations/").json() == []
