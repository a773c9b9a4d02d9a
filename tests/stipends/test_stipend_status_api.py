"""What the engagement page and the payouts page show about money: the engagement's stipend for
its two people, and the approved stipends that wait for the drafter's payout setup."""

import pytest
from rest_framework.test import APIClient

from projects.stipends.models import Stipend
from projects.stipends.selectors import payouts_waiting_for_setup
from projects.stipends.services.checkout import engagement_fund_start
from tests.factories import EngagementFactory, UserFactory

from .conftest import STIPEND, approve, cancel, onboard, pay

pytestmark = pytest.mark.django_db(transaction=True)
ONBOARDING = "/api/v1/me/payouts/onboarding/"
FEE = STIPEND // 10


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def stipend_url(engagement) -> str:
    return f"/api/v1/engagements/{engagement.pk}/stipend/"


def test_both_people_see_the_unfunded_stipend_with_fee_and_payout_amount(engagement):
    for person in (engagement.mentor, engagement.drafter):
        response = client_for(person).get(stipend_url(engagement))

        assert response.status_code == 200
        body = response.json()
        assert body == {
            "engagement_id": engagement.pk,
            "amount": STIPEND,
            "currency": "usd",
            "fee_amount": FEE,
            "payout_amount": STIPEND - FEE,
            "state": "unfunded",
            "funded_at": None,
            "frozen_at": None,
            "released_at": None,
            "refunded_at": None,
            "drafter_payouts_ready": False,
            "payout": None,
        }


def test_anyone_else_gets_404_and_an_unpaid_engagement_has_no_stipend(engagement):
    stranger = client_for(UserFactory()).get(stipend_url(engagement))
    unpaid = EngagementFactory()
    own_unpaid = client_for(unpaid.mentor).get(stipend_url(unpaid))

    assert stranger.status_code == 404
    assert stranger.json()["error"]["code"] == "not_found"
    assert own_unpaid.status_code == 404
    assert APIClient().get(stipend_url(engagement)).status_code == 401


def test_checkout_sends_the_mentor_back_to_the_engagement_page(engagement, standin, stripe_api):
    url = engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)

    session = stripe_api.v1.checkout.sessions.retrieve(
        Stipend.objects.get(engagement=engagement).checkout_session_id
    )
    back = standin.pay_checkout(url)

    assert session.success_url.endswith(f"/engagements/{engagement.pk}/?checkout=success")
    assert session.cancel_url.endswith(f"/engagements/{engagement.pk}/?checkout=cancelled")
    assert back == session.success_url


def test_funded_then_released_stipend_is_paid_out(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    funded = client_for(engagement.drafter).get(stipend_url(engagement)).json()
    onboard(standin, engagement.drafter)
    webhooks.deliver()
    approve(engagement)
    webhooks.deliver()

    paid = client_for(engagement.drafter).get(stipend_url(engagement)).json()

    assert funded["state"] == "funded" and funded["funded_at"] and funded["payout"] is None
    assert paid["state"] == "released" and paid["released_at"]
    assert paid["drafter_payouts_ready"] is True
    assert paid["payout"]["state"] == "paid"
    assert paid["payout"]["amount"] == STIPEND - FEE
    assert paid["payout"]["paid_at"]
    assert paid["payout"]["waiting_for_setup"] is False


def test_approval_before_payout_setup_waits_and_the_drafter_is_told_where(
    engagement, standin, webhooks
):
    pay(standin, engagement)
    webhooks.deliver()
    approve(engagement)
    drafter = client_for(engagement.drafter)

    on_engagement = drafter.get(stipend_url(engagement)).json()
    on_payouts_page = drafter.get(ONBOARDING).json()
    mentors_view = client_for(engagement.mentor).get(ONBOARDING).json()

    assert on_engagement["state"] == "funded"
    assert on_engagement["payout"]["state"] == "pending"
    assert on_engagement["payout"]["waiting_for_setup"] is True
    [waiting] = on_payouts_page["waiting_payouts"]
    assert waiting["engagement_id"] == engagement.pk
    assert waiting["task_title"] == engagement.task.title
    assert (waiting["amount"], waiting["currency"]) == (STIPEND - FEE, "usd")
    assert mentors_view["waiting_payouts"] == []

    onboard(standin, engagement.drafter)
    webhooks.deliver()  # account.updated: the waiting payout is made

    assert drafter.get(ONBOARDING).json()["waiting_payouts"] == []
    assert drafter.get(stipend_url(engagement)).json()["payout"]["state"] == "paid"


def test_cancelled_funded_stipend_shows_refunded(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    cancel(engagement)

    body = client_for(engagement.mentor).get(stipend_url(engagement)).json()

    assert body["state"] == "refunded" and body["refunded_at"]
    assert body["payout"] is None


@pytest.mark.parametrize("approved", [False, True])
def test_stipend_status_costs_one_query(
    engagement, standin, webhooks, approved, django_assert_num_queries
):
    pay(standin, engagement)
    webhooks.deliver()
    if approved:
        onboard(standin, engagement.drafter)
        webhooks.deliver()
        approve(engagement)
    client = client_for(engagement.drafter)

    with django_assert_num_queries(1):
        response = client.get(stipend_url(engagement))

    assert response.status_code == 200
    assert response.json()["state"] == ("released" if approved else "funded")


def test_waiting_payouts_cost_one_query(engagement, standin, webhooks, django_assert_num_queries):
    pay(standin, engagement)
    webhooks.deliver()
    approve(engagement)
    drafter = engagement.drafter

    with django_assert_num_queries(1):
        waiting = payouts_waiting_for_setup(user=drafter)
        titles = [payout.engagement.task.title for payout in waiting]

    assert titles == [engagement.task.title]
