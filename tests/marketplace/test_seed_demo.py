"""The demo data `make run` seeds (tests/conftest.py's demo_seeded: seeded twice, once per
module): usable logins, a living marketplace, mentors open to offers, credentials that check."""

import pytest
from allauth.account.models import EmailAddress
from rest_framework.test import APIClient

from accounts.models import User
from projects.models import Engagement, Task


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_creates_usable_logins(demo_seeded, client):
    demo = User.objects.filter(email__endswith="@demo.slipstream.local")
    assert demo.count() == 4
    # Each can log in with a confirmed address (the mentors also confirmed a work address).
    confirmed = EmailAddress.objects.filter(user__in=demo, verified=True)
    assert confirmed.values("user").distinct().count() == 4
    logged_in = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": "maya.mentor@demo.slipstream.local", "password": "slipstream-demo"},
        content_type="application/json",
    )
    assert logged_in.status_code == 200


@pytest.mark.django_db
def test_seed_demo_shows_a_living_marketplace(demo_seeded):
    assert set(Task.objects.values_list("state", flat=True)) == {
        "draft",
        "open",
        "closed",
        "cancelled",
        "archived",
    }
    states = set(Engagement.objects.values_list("state", flat=True))
    assert {"active", "delivered", "completed", "awaiting_funding"} <= states
    assert Task.objects.filter(mentor__email__endswith="@demo.slipstream.local").count() == 12


@pytest.mark.django_db
def test_seed_demo_opens_mentors_to_offers_with_credible_cards(demo_seeded):
    """/mentors/ is not empty in the demo: several mentors open to offers, each card with an
    organisation, a job title, a verified work domain (never a .local demo address), topics and
    a note."""
    cards = APIClient().get("/api/v1/mentors/").json()["results"]

    assert len(cards) >= 5
    assert len({card["handle"] for card in cards}) == len(cards)  # seeded once
    for card in cards:
        assert card["display_name"] and card["organisation"] and card["job_title"]
        assert card["verified_work_domain"].endswith(".demo")
        assert "@" not in card["verified_work_domain"]
        assert len(card["topics"]) >= 2 and card["note"]
        assert card["offers_left_this_month"] > 0
    maya = next(card for card in cards if card["display_name"] == "Maya Okafor")
    assert maya["verified_work_domain"] == "ledgerline.demo"
    # A demo drafter finds them by topic, as on the page.
    by_topic = APIClient().get("/api/v1/mentors/", {"skills": "ux-research"}).json()["results"]
    assert {card["display_name"] for card in by_topic} >= {"Maya Okafor", "Hannah Kim"}


@pytest.mark.django_db
def test_seed_demo_opens_a_mix_of_beginner_friendly_and_paid_tasks(demo_seeded):
    """The home page and browse show a mix, not a wall of unpaid tasks for the experienced."""
    listed = APIClient().get("/api/v1/tasks/", {"page_size": 50}).json()["results"]
    beginner = [t for t in listed if t["level"] == "beginner_friendly"]
    paid = [t for t in listed if t["stipend_amount"]]
    assert len(beginner) >= 4
    assert len(paid) >= 3
    assert len(listed) == len({t["id"] for t in listed})  # seeding twice adds nothing
    assert any(t in paid for t in beginner)


@pytest.mark.django_db
def test_seed_demo_experience_pages_show_a_checked_signature(demo_seeded, client):
    done = Engagement.objects.filter(
        state="completed", drafter__email="sam.drafter@demo.slipstream.local"
    ).first()

    page = client.get(f"/experience/{done.pk}/").content.decode()

    assert 'data-credential-check="valid"' in page


@pytest.mark.django_db
def test_seed_demo_gives_maya_one_offer_from_sam_to_answer(demo_seeded):
    maya = User.objects.get(email="maya.mentor@demo.slipstream.local")
    client = APIClient()
    client.force_authenticate(maya)

    received = client.get("/api/v1/me/offers/", {"box": "received"}).json()["results"]

    assert [(o["drafter"]["display_name"], o["state"]) for o in received] == [
        ("Sam Rivera", "pending")
    ]
    assert set(received[0]["allowed_actions"]) >= {"accept", "decline"}
    assert received[0]["portfolio_items"] or received[0]["work_sample_link"]


@pytest.mark.django_db
def test_demo_maya_opens_on_a_near_complete_profile_not_a_nag(demo_seeded):
    maya = User.objects.get(email="maya.mentor@demo.slipstream.local")
    client = APIClient()
    client.force_authenticate(maya)

    me = client.get("/api/v1/me/").json()

    assert me["completeness"]["percent"] == 100
    assert me["bio"] and me["avatar_url"]
    assert {s["name"] for s in client.get("/api/v1/me/skills/").json()} >= {"Product design"}


@pytest.mark.django_db
def test_seed_demo_starts_circles_hosted_by_drafters_who_qualify(demo_seeded):
    from projects.circles.models import Circle
    from projects.circles.services.circles import circle_host_eligible

    # Seeded twice (demo_seeded), yet one circle per family: the second run added nothing.
    circles = Circle.objects.select_related("host")
    assert sorted(circles.values_list("skill_family", flat=True)) == [
        "data-analysis",
        "user-research",
    ]
    for circle in circles:
        assert circle.host.email.endswith("@demo.slipstream.local")
        assert circle_host_eligible(user=circle.host)
        assert circle.memberships.filter(user=circle.host).exists()
    # Anyone signed in sees them under "All circles".
    client = APIClient()
    client.force_authenticate(User.objects.get(email="sam.drafter@demo.slipstream.local"))
    listed = client.get("/api/v1/circles/").json()
    assert {row["name"] for row in listed["results"]} == {
        "Interview notes to findings",
        "Data analysis critique circle",
    }
