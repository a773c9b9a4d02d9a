"""Offer settings, and the public list of mentors open to offers."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from projects.offers.services.settings import offer_settings_update
from projects.services.applications import application_decline
from tests.factories import ApplicationFactory, SkillFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_settings_start_closed_with_a_cap_of_three(client_for, drafter):
    body = client_for(drafter).get("/api/v1/me/offer-settings/").json()
    assert body == {"is_open": False, "monthly_cap": 3, "topics": [], "note": ""}


def test_a_mentor_opens_to_offers_on_topics_with_a_note(client_for, drafter):
    skill = SkillFactory(name="Data visualization")

    body = (
        client_for(drafter)
        .patch(
            "/api/v1/me/offer-settings/",
            {"is_open": True, "monthly_cap": 5, "topic_ids": [skill.pk], "note": "Charts welcome."},
            format="json",
        )
        .json()
    )

    assert (body["is_open"], body["monthly_cap"], body["note"]) == (True, 5, "Charts welcome.")
    assert [t["name"] for t in body["topics"]] == ["Data visualization"]


@pytest.mark.parametrize(
    "body",
    [
        {"monthly_cap": 0},
        {"monthly_cap": 11},
        {"monthly_cap": "3"},
        {"note": "x" * 501},
        {"is_open": "yes"},
        {"topic_ids": [1, "a"]},
    ],
)
def test_settings_input_is_strict(client_for, drafter, body):
    assert (
        client_for(drafter).patch("/api/v1/me/offer-settings/", body, format="json").status_code
        == 400
    )


def test_an_unknown_topic_is_refused(client_for, drafter):
    response = client_for(drafter).patch(
        "/api/v1/me/offer-settings/", {"topic_ids": [987654]}, format="json"
    )
    assert response.status_code == 404
    assert "topic_ids" in response.json()["error"]["fields"]


def test_the_mentors_list_shows_open_mentors_as_public_cards(api_client, mentor):
    UserFactory()  # not open to offers
    closed = UserFactory()
    offer_settings_update(mentor=closed, data={"is_open": False})
    mentor.profile.organisation, mentor.profile.headline = "Acme Research", "Research lead"
    mentor.profile.save()

    cards = api_client.get("/api/v1/mentors/").json()["results"]

    assert [c["handle"] for c in cards] == [mentor.profile.handle]
    card = cards[0]
    assert (card["organisation"], card["headline"], card["offers_left_this_month"]) == (
        "Acme Research",
        "Research lead",
        3,
    )
    assert card["reply_rate"] is None  # too few answers to say
    assert mentor.email not in str(cards)


def test_the_mentors_list_filters_by_skill_and_text(api_client, mentor):
    charts = SkillFactory(name="Charts", slug="charts")
    other = UserFactory(finish__display_name="Otto Other")
    offer_settings_update(mentor=other, data={"is_open": True}, topic_ids=[charts.pk])

    by_skill = api_client.get("/api/v1/mentors/?skills=charts").json()["results"]
    by_text = api_client.get("/api/v1/mentors/?q=maya").json()["results"]

    assert [c["handle"] for c in by_skill] == [other.profile.handle]
    assert [c["topics"][0]["name"] for c in by_skill] == ["Charts"]
    assert [c["handle"] for c in by_text] == [mentor.profile.handle]


def test_the_mentors_list_is_paginated_with_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries
):
    topic = SkillFactory(name="Writing")
    for _ in range(25):
        m = UserFactory()
        offer_settings_update(mentor=m, data={"is_open": True}, topic_ids=[topic.pk])

    with django_assert_max_num_queries(5):
        first = api_client.get("/api/v1/mentors/").json()
    second = api_client.get(first["next"]).json()

    assert len(first["results"]) == 20
    assert len(second["results"]) == 5
    assert second["next"] is None


def test_reply_rate_counts_applications_and_offers_answered_within_14_days(api_client, mentor):
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=30), tick=False):
        task = TaskFactory(mentor=mentor, slots=10)
        quick = [ApplicationFactory(task=task) for _ in range(4)]
        ApplicationFactory(task=task)  # never answered, and due
    with time_machine.travel(now - datetime.timedelta(days=28), tick=False):
        for application in quick[:3]:
            application_decline(application_id=application.pk, mentor=mentor)
    with time_machine.travel(now - datetime.timedelta(days=10), tick=False):
        application_decline(application_id=quick[3].pk, mentor=mentor)  # after 20 days: late
    ApplicationFactory(task=task)  # just arrived: not due yet

    card = api_client.get("/api/v1/mentors/").json()["results"][0]

    assert card["reply_rate"] == 0.6  # 3 of the 5 that were due


def test_the_mentors_list_answers_for_one_handle(api_client, mentor):
    closed = UserFactory()

    mine = api_client.get(f"/api/v1/mentors/?handle={mentor.profile.handle}").json()["results"]
    theirs = api_client.get(f"/api/v1/mentors/?handle={closed.profile.handle}").json()["results"]

    assert ([c["handle"] for c in mine], theirs) == ([mentor.profile.handle], [])


def test_site_staff_read_offers_in_the_admin(client, send_offer, mentor, drafter):
    send_offer(drafter, mentor)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    offers = client.get("/admin/offers/offer/")
    settings_page = client.get("/admin/offers/offersettings/")

    assert (offers.status_code, settings_page.status_code) == (200, 200)
    assert "Tidy your interview notes" in offers.content.decode()
