"""An engagement says where it began: an accepted offer (its id, so the timeline reads "Offer
accepted") or an application (null)."""

import pytest

from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_an_engagement_made_from_an_offer_names_the_offer_for_both_people(
    send_offer, client_for, mentor, drafter
):
    offer_id = send_offer(drafter, mentor).json()["id"]
    accepted = client_for(mentor).post(f"/api/v1/offers/{offer_id}/accept/", {}, format="json")
    engagement_id = accepted.json()["engagement_id"]

    for person in (mentor, drafter):
        body = client_for(person).get(f"/api/v1/engagements/{engagement_id}/").json()
        assert body["offer_id"] == offer_id


def test_an_engagement_from_an_application_has_no_offer(client_for):
    application = ApplicationFactory()
    mentor = application.task.mentor
    accepted = client_for(mentor).post(f"/api/v1/applications/{application.pk}/accept/")
    assert accepted.status_code == 201, accepted.content

    body = client_for(mentor).get(f"/api/v1/engagements/{accepted.json()['id']}/").json()

    assert body["offer_id"] is None
