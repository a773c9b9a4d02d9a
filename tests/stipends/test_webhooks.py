"""Webhook endpoints: signatures on the raw body, replays, unknown types and objects."""

import json
import time

import pytest
import stripe

from projects.models import Engagement
from projects.stipends.models import LedgerEntry, Payout, Stipend, StripeEvent

from .conftest import (
    CONNECT_PATH,
    CONNECT_SECRET,
    PLATFORM_PATH,
    PLATFORM_SECRET,
    pay,
    signed_post,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid_event(engagement, standin, webhooks):
    """A genuine checkout.session.completed for `engagement`, not yet delivered."""
    pay(standin, engagement)
    events = [event for _, event in webhooks.new_events()]
    return next(event for event in events if event["type"] == "checkout.session.completed")


def assert_nothing_changed(engagement):
    assert not StripeEvent.objects.exists()
    assert not LedgerEntry.objects.exists()
    assert not Payout.objects.exists()
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.UNFUNDED
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.AWAITING_FUNDING


def _header(payload: str, secret: str, timestamp: int | None = None) -> str:
    return stripe.WebhookSignature.generate_signature_header(
        payload, secret, timestamp=timestamp or int(time.time())
    )


BAD_DELIVERIES = {
    "missing signature": lambda payload: (payload, None),
    "garbage signature": lambda payload: (payload, "t=1,v1=deadbeef"),
    "stale timestamp": lambda payload: (
        payload,
        _header(payload, PLATFORM_SECRET, timestamp=int(time.time()) - 301),
    ),
    "tampered body": lambda payload: (
        payload.replace('"paid"', '"PAID"'),
        _header(payload, PLATFORM_SECRET),
    ),
    "other endpoint's secret": lambda payload: (payload, _header(payload, CONNECT_SECRET)),
}


@pytest.mark.parametrize("case", BAD_DELIVERIES)
def test_bad_signature_is_400_and_writes_nothing(case, client, engagement, paid_event):
    payload, header = BAD_DELIVERIES[case](json.dumps(paid_event))
    extra = {"HTTP_STRIPE_SIGNATURE": header} if header else {}

    response = client.post(PLATFORM_PATH, data=payload, content_type="application/json", **extra)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_signature"
    assert_nothing_changed(engagement)


def test_platform_event_signed_for_connect_endpoint_is_refused_there_too(
    client, engagement, paid_event
):
    response = signed_post(client, CONNECT_PATH, json.dumps(paid_event), PLATFORM_SECRET)

    assert response.status_code == 400
    assert_nothing_changed(engagement)


def test_signed_body_that_is_not_an_event_is_400(client, engagement):
    response = signed_post(client, PLATFORM_PATH, b"not json", PLATFORM_SECRET)

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_get_is_not_allowed(client):
    assert client.get(PLATFORM_PATH).status_code == 405


def test_genuine_event_is_applied_once_and_a_replay_is_a_harmless_200(
    client, engagement, paid_event
):
    payload = json.dumps(paid_event)

    first = signed_post(client, PLATFORM_PATH, payload, PLATFORM_SECRET)
    replay = signed_post(client, PLATFORM_PATH, payload, PLATFORM_SECRET)

    assert (first.status_code, first.json()["outcome"]) == (200, "processed")
    assert (replay.status_code, replay.json()["outcome"]) == (200, "duplicate")
    assert StripeEvent.objects.get(event_id=paid_event["id"]).status == "processed"
    assert LedgerEntry.objects.count() == 1
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.ACTIVE


def test_same_payment_under_a_new_event_id_changes_nothing_more(client, engagement, paid_event):
    signed_post(client, PLATFORM_PATH, json.dumps(paid_event), PLATFORM_SECRET)

    again = dict(paid_event, id="evt_resent_as_new")
    response = signed_post(client, PLATFORM_PATH, json.dumps(again), PLATFORM_SECRET)

    assert response.status_code == 200
    assert LedgerEntry.objects.count() == 1
    assert StripeEvent.objects.count() == 2


def test_unknown_event_type_is_acknowledged(client, db):
    event = {"id": "evt_x1", "type": "customer.created", "created": 1, "data": {"object": {}}}

    response = signed_post(client, PLATFORM_PATH, json.dumps(event), PLATFORM_SECRET)

    assert (response.status_code, response.json()["outcome"]) == (200, "ignored")
    assert StripeEvent.objects.get(event_id="evt_x1").status == "ignored"


def test_event_for_an_unknown_object_is_acknowledged_and_changes_nothing(
    client, engagement, paid_event
):
    stranger = json.loads(json.dumps(paid_event))
    stranger["id"] = "evt_unknown_object"
    stranger["data"]["object"]["metadata"] = {"engagement": "987654"}

    response = signed_post(client, PLATFORM_PATH, json.dumps(stranger), PLATFORM_SECRET)

    assert (response.status_code, response.json()["outcome"]) == (200, "ignored")
    assert not LedgerEntry.objects.exists()
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.UNFUNDED


def test_account_updated_for_unknown_account_is_acknowledged(client, db):
    event = {
        "id": "evt_acct_unknown",
        "type": "account.updated",
        "account": "acct_nobody",
        "created": 1,
        "data": {"object": {"id": "acct_nobody", "payouts_enabled": True}},
    }

    response = signed_post(client, CONNECT_PATH, json.dumps(event), CONNECT_SECRET)

    assert (response.status_code, response.json()["outcome"]) == (200, "ignored")


def test_a_failing_handler_rolls_back_and_stripes_retry_applies_it(client, engagement, paid_event):
    broken = json.loads(json.dumps(paid_event))
    broken["data"]["object"] = ["not", "a", "session"]  # the handler blows up on this
    client.raise_request_exception = False

    failed = signed_post(client, PLATFORM_PATH, json.dumps(broken), PLATFORM_SECRET)

    assert failed.status_code == 500  # Stripe will retry
    record = StripeEvent.objects.get(event_id=paid_event["id"])
    assert (record.status, record.processed_at) == ("failed", None)
    assert "AttributeError" in record.error
    assert not LedgerEntry.objects.exists()

    retried = signed_post(client, PLATFORM_PATH, json.dumps(paid_event), PLATFORM_SECRET)

    assert (retried.status_code, retried.json()["outcome"]) == (200, "processed")
    assert StripeEvent.objects.get(event_id=paid_event["id"]).status == "processed"
    assert LedgerEntry.objects.count() == 1
