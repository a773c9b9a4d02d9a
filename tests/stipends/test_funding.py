"""Funding: the mentor pays through Checkout; only the paid webhook activates the engagement."""

import datetime as dt
import json

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts.models import Notification
from projects.models import Engagement
from projects.services.engagements import engagements_lapse_unfunded_due
from projects.stipends.models import LedgerEntry, Stipend, StripeEvent
from projects.stipends.services.checkout import engagement_fund_start
from tests.factories import EngagementFactory, TaskFactory, UserFactory

from .conftest import (
    PLATFORM_PATH,
    PLATFORM_SECRET,
    STIPEND,
    cancel,
    make_paid_engagement,
    pay,
    signed_post,
)

pytestmark = pytest.mark.django_db(transaction=True)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_fund_returns_checkout_url_of_a_session_for_the_stipend(engagement, stripe_api):
    response = client_for(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/fund/")

    assert response.status_code == 200
    stipend = Stipend.objects.get(engagement=engagement)
    assert response.json() == {"checkout_url": stipend.checkout_url}
    session = stripe_api.v1.checkout.sessions.retrieve(stipend.checkout_session_id)
    assert session.url == stipend.checkout_url
    assert (session.amount_total, session.currency) == (STIPEND, "usd")
    assert session.client_reference_id == f"engagement-{engagement.pk}"
    assert session.metadata.to_dict() == {"engagement": str(engagement.pk)}
    assert stipend.state == Stipend.State.UNFUNDED


def test_second_click_reuses_the_open_session(engagement):
    client = client_for(engagement.mentor)

    first = client.post(f"/api/v1/engagements/{engagement.pk}/fund/").json()
    second = client.post(f"/api/v1/engagements/{engagement.pk}/fund/").json()

    assert first == second


def test_paying_does_not_activate_until_the_webhook_arrives(engagement, standin, webhooks):
    pay(standin, engagement)
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.AWAITING_FUNDING  # the redirect proves nothing

    delivered = webhooks.deliver()

    assert "checkout.session.completed" in [event["type"] for event in delivered]
    engagement.refresh_from_db()
    stipend = Stipend.objects.get(engagement=engagement)
    assert engagement.state == Engagement.State.ACTIVE
    assert engagement.started_at is not None
    assert stipend.state == Stipend.State.FUNDED
    assert stipend.payment_intent_id.startswith("pi_")
    entry = LedgerEntry.objects.get(user=engagement.mentor)
    assert (entry.kind, entry.amount, entry.currency) == ("stipend_paid", -STIPEND, "usd")
    for person in (engagement.drafter, engagement.mentor):
        assert Notification.objects.filter(recipient=person, kind="engagement_funded").count() == 1


def test_someone_elses_engagement_is_not_found(engagement):
    stranger = UserFactory()

    for user in (stranger, engagement.drafter):
        response = client_for(user).post(f"/api/v1/engagements/{engagement.pk}/fund/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert client_for(stranger).post("/api/v1/engagements/999999/fund/").status_code == 404
    assert Stipend.objects.get(engagement=engagement).checkout_session_id == ""


def test_anonymous_cannot_fund(engagement):
    assert APIClient().post(f"/api/v1/engagements/{engagement.pk}/fund/").status_code == 401


def test_funding_twice_is_a_conflict(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()

    response = client_for(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/fund/")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stipend_already_funded"
    assert LedgerEntry.objects.count() == 1


def test_unpaid_task_cannot_be_funded(db):
    engagement = EngagementFactory(
        application__task=TaskFactory(stipend_amount=None), state=Engagement.State.ACTIVE
    )

    response = client_for(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/fund/")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "task_unpaid"
    assert not Stipend.objects.exists()


def test_engagement_not_awaiting_funding_cannot_be_funded(db):
    engagement = make_paid_engagement(state=Engagement.State.CANCELLED)

    response = client_for(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/fund/")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "engagement_not_awaiting_funding"


def test_checkout_completed_but_unpaid_changes_nothing(engagement, client):
    engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)
    stipend = Stipend.objects.get(engagement=engagement)
    event = {
        "id": "evt_unpaid_1",
        "object": "event",
        "type": "checkout.session.completed",
        "created": 1_700_000_000,
        "data": {
            "object": {
                "id": stipend.checkout_session_id,
                "object": "checkout.session",
                "payment_status": "unpaid",
                "payment_intent": None,
                "metadata": {"engagement": str(engagement.pk)},
            }
        },
    }
    response = signed_post(client, PLATFORM_PATH, json.dumps(event), PLATFORM_SECRET)

    assert response.status_code == 200
    assert StripeEvent.objects.get(event_id="evt_unpaid_1").status == "ignored"
    stipend.refresh_from_db()
    engagement.refresh_from_db()
    assert stipend.state == Stipend.State.UNFUNDED
    assert engagement.state == Engagement.State.AWAITING_FUNDING
    assert not LedgerEntry.objects.exists()


def test_expired_session_lets_the_mentor_start_again(engagement, stripe_api, webhooks):
    first = engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)
    session_id = Stipend.objects.get(engagement=engagement).checkout_session_id
    stripe_api.v1.checkout.sessions.expire(session_id)

    webhooks.deliver()
    second = engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)

    assert second != first
    assert Stipend.objects.get(engagement=engagement).checkout_attempts == 2


def test_unfunded_acceptance_lapses_after_seven_days_and_the_drafter_is_told(db):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        engagement = make_paid_engagement()

    with time_machine.travel(dt.datetime(2026, 3, 7, 9, tzinfo=dt.UTC), tick=False):
        assert engagements_lapse_unfunded_due() == 0
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.AWAITING_FUNDING

    with time_machine.travel(dt.datetime(2026, 3, 8, 9, 1, tzinfo=dt.UTC), tick=False):
        assert engagements_lapse_unfunded_due() == 1
        assert engagements_lapse_unfunded_due() == 0

    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.CANCELLED
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.CANCELLED
    assert Notification.objects.filter(recipient=engagement.drafter, kind="funding_lapsed")


def test_payment_racing_a_cancellation_is_refunded(engagement, standin, stripe_api, webhooks):
    pay(standin, engagement)  # paid on Stripe, webhook not yet here
    cancel(engagement)
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.CANCELLED

    webhooks.deliver()

    stipend = Stipend.objects.get(engagement=engagement)
    engagement.refresh_from_db()
    assert stipend.state == Stipend.State.REFUNDED
    assert engagement.state == Engagement.State.CANCELLED  # never activated
    intent = stripe_api.v1.payment_intents.retrieve(stipend.payment_intent_id)
    assert stripe_api.v1.charges.retrieve(intent.latest_charge).refunded is True
    kinds = sorted(LedgerEntry.objects.values_list("kind", "amount"))
    assert kinds == [("refund", STIPEND), ("stipend_paid", -STIPEND)]


def test_provider_down_is_a_503_with_a_stable_code(engagement, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"

    response = client_for(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/fund/")

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "payment_provider_unavailable"


def test_funding_without_a_stripe_key_says_payments_are_not_switched_on(engagement, settings):
    settings.STRIPE_SECRET_KEY = ""

    response = client_for(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/fund/")

    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "payments_not_configured"
    assert "not switched on" in error["message"]
    assert "try" not in error["message"].lower()
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.AWAITING_FUNDING


def test_provider_outage_keeps_its_try_again_message(engagement, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"

    response = client_for(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/fund/")

    assert response.status_code == 503
    assert "try funding the stipend again" in response.json()["error"]["message"]
