"""Accepting an offer makes a private task filled by the drafter and its engagement, which then
runs like any other draft: to approval, verified experience and thanks."""

import pytest

from accounts.models import Notification
from projects.models import Application, Engagement, Task
from projects.offers.models import Offer
from projects.stipends.models import Stipend
from tests.factories import SkillFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_accepting_makes_a_private_task_filled_by_the_drafter_and_its_engagement(
    send_offer, client_for, mentor, drafter, item
):
    skill = SkillFactory(name="User research")
    offer_id = send_offer(drafter, mentor, skill_ids=[skill.pk]).json()["id"]

    response = client_for(mentor).post(f"/api/v1/offers/{offer_id}/accept/", {}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    # Nothing left to do on it: the conversation goes on in the engagement.
    assert (body["state"], body["allowed_actions"]) == ("accepted", [])
    task = Task.objects.get(pk=body["task_id"])
    assert (task.visibility, task.state, task.filled_slots, task.slots) == (
        "private",
        "closed",
        1,
        1,
    )
    assert (task.mentor, task.estimated_hours, task.title) == (mentor, 4, body["title"])
    assert list(task.skills.all()) == [skill]
    engagement = Engagement.objects.get(pk=body["engagement_id"])
    assert (engagement.state, engagement.drafter, engagement.task) == ("active", drafter, task)
    application = Application.objects.get(engagement=engagement)
    assert (application.state, list(application.portfolio_items.all())) == ("accepted", [item])
    told = Notification.objects.filter(recipient=drafter, url=f"/engagements/{engagement.pk}/")
    assert [n.kind for n in told] == ["offer_accepted"]
    assert "accepted your offer" in told[0].title


def test_the_private_task_is_seen_only_by_its_mentor_and_drafter(
    send_offer, client_for, mentor, drafter
):
    offer_id = send_offer(drafter, mentor).json()["id"]
    task_id = client_for(mentor).post(f"/api/v1/offers/{offer_id}/accept/").json()["task_id"]
    stranger = client_for(UserFactory())

    assert client_for(mentor).get(f"/api/v1/tasks/{task_id}/").status_code == 200
    assert client_for(drafter).get(f"/api/v1/tasks/{task_id}/").status_code == 200
    assert stranger.get(f"/api/v1/tasks/{task_id}/").status_code == 404
    assert client_for(UserFactory()).get("/api/v1/tasks/").json()["results"] == []


def test_a_task_cannot_be_made_private_through_the_task_api(client_for, mentor):
    response = client_for(mentor).post(
        "/api/v1/tasks/",
        {
            "title": "Mine",
            "description": "D",
            "estimated_hours": 2,
            "what_you_gain": "A",
            "visibility": "private",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "visibility" in response.json()["error"]["fields"]


def test_accepting_with_a_stipend_waits_for_funding_as_usual(
    send_offer, client_for, mentor, drafter
):
    offer_id = send_offer(drafter, mentor).json()["id"]

    body = (
        client_for(mentor)
        .post(
            f"/api/v1/offers/{offer_id}/accept/",
            {"stipend_amount": 8_000, "stipend_currency": "eur"},
            format="json",
        )
        .json()
    )

    engagement = Engagement.objects.get(pk=body["engagement_id"])
    assert engagement.state == "awaiting_funding"
    stipend = Stipend.objects.get(engagement=engagement)
    assert (stipend.amount, stipend.currency, stipend.state) == (8_000, "eur", "unfunded")
    engagement_view = client_for(mentor).get(f"/api/v1/engagements/{engagement.pk}/").json()
    assert "fund" in engagement_view["allowed_actions"]


def test_a_stipend_out_of_range_is_refused_and_nothing_is_made(
    send_offer, client_for, mentor, drafter
):
    offer_id = send_offer(drafter, mentor).json()["id"]

    response = client_for(mentor).post(
        f"/api/v1/offers/{offer_id}/accept/", {"stipend_amount": 5}, format="json"
    )

    assert response.status_code == 400
    assert (Offer.objects.get(pk=offer_id).state, Task.objects.count()) == ("pending", 0)


def test_the_accepted_offer_runs_to_approval_verified_experience_and_thanks(
    send_offer, client_for, mentor, drafter
):
    offer_id = send_offer(drafter, mentor).json()["id"]
    m, d = client_for(mentor), client_for(drafter)
    engagement_id = m.post(f"/api/v1/offers/{offer_id}/accept/").json()["engagement_id"]

    delivered = d.post(
        f"/api/v1/engagements/{engagement_id}/deliverables/",
        {"link": "https://example.org/findings", "note": "The table, with quotes."},
        format="multipart",
    )
    approved = m.post(f"/api/v1/engagements/{engagement_id}/approve/")
    thanked = m.post(
        f"/api/v1/engagements/{engagement_id}/thanks/",
        {"body": "This saved me a day."},
        format="json",
    )
    thanks_id = thanked.json()["thanks"][0]["id"]
    d.post(f"/api/v1/thanks/{thanks_id}/show/", {"shown_on_profile": True}, format="json")
    public = client_for(UserFactory()).get(f"/api/v1/profiles/{drafter.profile.handle}/experience/")

    assert (delivered.status_code, approved.json()["state"], thanked.status_code) == (
        201,
        "completed",
        201,
    )
    body = public.json()
    assert [e["engagement_id"] for e in body["verified_experience"]] == [engagement_id]
    assert [t["body"] for t in body["thanks"]] == ["This saved me a day."]


def test_the_offer_shows_where_its_draft_went(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]
    client_for(mentor).post(f"/api/v1/offers/{offer_id}/accept/")

    sent = client_for(drafter).get("/api/v1/me/offers/?box=sent").json()["results"][0]

    assert sent["engagement_id"] and sent["task_id"]
    assert sent["responded_at"]
