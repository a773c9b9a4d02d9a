"""The mentor weighs an offer by who sent it: the offer carries the drafter's public card (photo
or initials, name, headline, skills, verified experience) — never their e-mail address — for
its two people only, in a fixed number of queries."""

from accounts.models import Profile, UserSkill
from projects.models import Engagement
from tests.factories import (
    EngagementFactory,
    PortfolioItemFactory,
    SkillFactory,
    UserFactory,
    UserSkillFactory,
)


def test_the_mentor_sees_who_sent_the_offer(send_offer, client_for, mentor, drafter, item):
    Profile.objects.filter(user=drafter).update(headline="Research assistant, MSc psychology")
    UserSkillFactory(user=drafter, skill=SkillFactory(name="User interviews"))
    UserSkillFactory(
        user=drafter, skill=SkillFactory(name="Affinity mapping"), level=UserSkill.Level.LEARNING
    )
    for _ in range(2):
        EngagementFactory(application__drafter=drafter, state=Engagement.State.COMPLETED)
    EngagementFactory(application__drafter=drafter, state=Engagement.State.ACTIVE)
    offer_id = send_offer(drafter, mentor).json()["id"]

    offer = client_for(mentor).get(f"/api/v1/offers/{offer_id}/").json()

    card = offer["drafter_card"]
    assert card["display_name"] == "Sam Drafter"
    assert card["handle"] == drafter.profile.handle
    assert card["headline"] == "Research assistant, MSc psychology"
    assert card["avatar_url"] is None  # no photo: the page draws initials
    assert [(s["name"], s["level"]) for s in card["skills"]] == [
        ("Affinity mapping", "learning"),
        ("User interviews", "working"),
    ]
    assert card["verified_experience_count"] == 2  # completed drafts only
    assert [i["title"] for i in offer["portfolio_items"]] == [item.title]
    assert drafter.email not in str(offer)


def test_a_drafter_with_no_verified_experience_counts_zero(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]

    card = client_for(mentor).get(f"/api/v1/offers/{offer_id}/").json()["drafter_card"]

    assert card["verified_experience_count"] == 0
    assert card["skills"] == []


def test_the_drafter_card_is_not_shown_to_anyone_else(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]

    assert client_for(UserFactory()).get(f"/api/v1/offers/{offer_id}/").status_code == 404


def test_the_offer_page_reads_in_a_fixed_number_of_queries(
    send_offer, client_for, mentor, drafter, django_assert_max_num_queries
):
    for n in range(5):
        UserSkillFactory(user=drafter, skill=SkillFactory(name=f"Skill {n}"))
        EngagementFactory(application__drafter=drafter, state=Engagement.State.COMPLETED)
    offer_id = send_offer(drafter, mentor).json()["id"]
    client = client_for(mentor)

    with django_assert_max_num_queries(7):
        offer = client.get(f"/api/v1/offers/{offer_id}/").json()

    assert len(offer["drafter_card"]["skills"]) == 5
    assert offer["drafter_card"]["verified_experience_count"] == 5


def test_received_offers_carry_each_drafters_card_without_a_query_per_offer(
    send_offer, client_for, mentor, django_assert_max_num_queries
):

    senders = []
    for n in range(3):
        sender = UserFactory(finish__display_name=f"Drafter {n}")
        UserSkillFactory(user=sender, skill=SkillFactory(name=f"Craft {n}"))
        item = PortfolioItemFactory(owner=sender, title=f"Work {n}")
        send_offer(sender, mentor, portfolio_item_ids=[item.pk])
        senders.append(sender)
    client = client_for(mentor)

    with django_assert_max_num_queries(7):
        received = client.get("/api/v1/me/offers/?box=received").json()["results"]

    assert sorted(o["drafter_card"]["display_name"] for o in received) == [
        "Drafter 0",
        "Drafter 1",
        "Drafter 2",
    ]
