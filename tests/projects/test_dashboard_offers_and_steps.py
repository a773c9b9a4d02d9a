"""The dashboard after the first-use walks: a drafter sees the offers still waiting for an
answer and when each closes by itself; a mentor's next steps ask them to answer each pending
offer and to fund each stipend, each once."""

import datetime

import pytest
import time_machine

from projects.models import Engagement
from projects.offers.models import Offer
from projects.offers.services.offers import OFFER_EXPIRY_DAYS
from projects.selectors.dashboard import OFFER_CLOSES_AFTER_DAYS
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _offer(*, mentor, drafter, title="Tidy your slide deck", state=Offer.State.PENDING) -> Offer:
    return Offer.objects.create(
        mentor=mentor, drafter=drafter, title=title, what="Two hours on the deck.",
        estimated_hours=2, by_when="2099-01-01", state=state,
    )  # fmt: skip


def test_the_dashboard_closes_offers_on_the_same_day_as_the_expiry_job():
    assert OFFER_CLOSES_AFTER_DAYS == OFFER_EXPIRY_DAYS


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_a_drafter_sees_their_waiting_offers_and_when_they_close(client_for):
    drafter = UserFactory(finish__display_name="Sam Drafter")
    mentor = UserFactory(finish__display_name="Maya Mentor")
    waiting = _offer(mentor=mentor, drafter=drafter)
    _offer(mentor=UserFactory(), drafter=drafter, title="Answered", state=Offer.State.DECLINED)

    offers = client_for(drafter).get("/api/v1/me/dashboard/").json()["drafter"]["offers"]

    assert [(o["id"], o["title"], o["state"]) for o in offers] == [
        (waiting.pk, "Tidy your slide deck", "pending")
    ]
    assert offers[0]["mentor"]["display_name"] == "Maya Mentor"
    assert offers[0]["closes_at"].startswith("2026-12-15T10:00")


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_a_mentor_is_asked_to_answer_each_pending_offer_by_its_closing_day(client_for):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    waiting = _offer(mentor=mentor, drafter=UserFactory(finish__display_name="Sam Rivera"))
    _offer(mentor=mentor, drafter=UserFactory(), state=Offer.State.WITHDRAWN)

    home = client_for(mentor).get("/api/v1/me/dashboard/").json()

    assert [o["id"] for o in home["mentor"]["offers"]] == [waiting.pk]
    offer_steps = [s for s in home["drafter"]["next_steps"] if s["text"].startswith("Answer")]
    assert offer_steps == [
        {"text": "Answer Sam Rivera's offer by 15 Dec 2026.", "url": f"/offers/{waiting.pk}/"}
    ]


def test_a_mentor_is_asked_to_fund_each_stipend_awaiting_funding(client_for):
    mentor = UserFactory()
    task = TaskFactory(mentor=mentor, title="Clean the sales data", stipend_amount=12_000)
    engagement = EngagementFactory(application__task=task, state=Engagement.State.AWAITING_FUNDING)

    steps = client_for(mentor).get("/api/v1/me/dashboard/").json()["drafter"]["next_steps"]

    assert {
        "text": "Fund the stipend for “Clean the sales data”.",
        "url": f"/engagements/{engagement.pk}/",
    } in steps
    # the drafter of the same engagement is told to wait, not to fund
    drafter_steps = client_for(engagement.drafter).get("/api/v1/me/dashboard/").json()
    assert not any(s["text"].startswith("Fund") for s in drafter_steps["drafter"]["next_steps"])


def test_offers_both_ways_add_no_query_per_offer(client_for, django_assert_max_num_queries):
    me = UserFactory()
    for _ in range(4):
        _offer(mentor=me, drafter=UserFactory())
        _offer(mentor=UserFactory(), drafter=me)
    ApplicationFactory(task=TaskFactory(mentor=me))
    client = client_for(me)
    client.get("/api/v1/me/dashboard/")
    with django_assert_max_num_queries(9):
        home = client.get("/api/v1/me/dashboard/").json()
    assert (len(home["mentor"]["offers"]), len(home["drafter"]["offers"])) == (4, 4)


def test_a_drafter_with_an_offer_out_is_not_greeted_as_a_newcomer(client_for):
    drafter = UserFactory()
    _offer(mentor=UserFactory(), drafter=drafter)

    steps = client_for(drafter).get("/api/v1/me/dashboard/").json()["drafter"]["next_steps"]

    assert "/tasks/new/" not in [step["url"] for step in steps]
