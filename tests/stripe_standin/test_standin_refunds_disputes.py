"""Refunds send charge.refunded; the dispute helpers send dispute events."""

from __future__ import annotations

import pytest
import stripe

from devtools.stripe_standin import StandinServer

from .conftest import PLATFORM_SECRET, Receiver


def test_refund_by_payment_intent_sends_charge_refunded(
    client: stripe.StripeClient,
    standin: StandinServer,
    receiver: Receiver,
    paid_session: stripe.checkout.Session,
) -> None:
    refund = client.v1.refunds.create(
        params={"payment_intent": paid_session.payment_intent, "reason": "requested_by_customer"},
        options={"idempotency_key": "refund-7"},
    )
    standin.flush()

    assert (refund.status, refund.amount) == ("succeeded", 12500)
    assert refund.payment_intent == paid_session.payment_intent
    assert refund.reason == "requested_by_customer"
    refunded = [
        e for e in receiver.events("/platform", PLATFORM_SECRET) if e.type == "charge.refunded"
    ]
    assert len(refunded) == 1
    assert refunded[0].data.object.refunded is True
    assert refunded[0].data.object.payment_intent == paid_session.payment_intent


def test_refund_with_same_idempotency_key_is_made_once(
    client: stripe.StripeClient, paid_session: stripe.checkout.Session
) -> None:
    params = {"payment_intent": paid_session.payment_intent}

    first = client.v1.refunds.create(params=params, options={"idempotency_key": "refund-8"})
    again = client.v1.refunds.create(params=params, options={"idempotency_key": "refund-8"})

    assert first.id == again.id


def test_second_refund_of_a_refunded_charge_is_refused(
    client: stripe.StripeClient, paid_session: stripe.checkout.Session
) -> None:
    client.v1.refunds.create(params={"payment_intent": paid_session.payment_intent})

    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.refunds.create(params={"payment_intent": paid_session.payment_intent})

    assert error.value.code == "charge_already_refunded"


def test_dispute_helpers_send_created_and_closed_events(
    client: stripe.StripeClient,
    standin: StandinServer,
    receiver: Receiver,
    paid_session: stripe.checkout.Session,
) -> None:
    charge_id = client.v1.payment_intents.retrieve(paid_session.payment_intent).latest_charge

    dispute = standin.create_dispute(charge_id)
    closed = standin.close_dispute(dispute["id"], "lost")
    standin.flush()

    assert dispute["charge"] == charge_id
    assert dispute["payment_intent"] == paid_session.payment_intent
    assert closed["status"] == "lost"
    assert client.v1.charges.retrieve(charge_id).disputed is True
    events = [
        event
        for event in receiver.events("/platform", PLATFORM_SECRET)
        if event.type.startswith("charge.dispute.")
    ]
    assert [(event.type, event.data.object.status) for event in events] == [
        ("charge.dispute.created", "needs_response"),
        ("charge.dispute.closed", "lost"),
    ]


def test_disputed_charge_cannot_be_refunded(
    client: stripe.StripeClient, standin: StandinServer, paid_session: stripe.checkout.Session
) -> None:
    charge_id = client.v1.payment_intents.retrieve(paid_session.payment_intent).latest_charge
    standin.create_dispute(charge_id)

    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.refunds.create(params={"charge": charge_id})

    assert error.value.code == "charge_disputed"
