"""Checkout Sessions and the hosted pay page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import stripe

from devtools.stripe_standin import StandinServer

from .conftest import PLATFORM_SECRET, STIPEND_SESSION, Receiver, Visitor

CreateSession = Callable[..., stripe.checkout.Session]


def test_new_session_is_open_and_unpaid(create_session: CreateSession) -> None:
    session = create_session(customer_email="mentor@example.com")

    assert session.id.startswith("cs_test_")
    assert (session.status, session.payment_status) == ("open", "unpaid")
    assert (session.amount_total, session.currency) == (12500, "usd")
    assert session.payment_intent is None
    assert session.client_reference_id == "engagement-7"
    assert session.metadata.to_dict() == {"engagement": "7"}


def test_hosted_page_shows_amount_product_and_pay_button(
    create_session: CreateSession, visitor: Visitor
) -> None:
    page = visitor.get(create_session().url)

    assert page.status == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "125.00 USD" in page.text
    assert "Drafting stipend" in page.text
    assert '<button type="submit">Pay</button>' in page.text
    assert 'href="http://127.0.0.1:9/cancelled"' in page.text


def test_paying_completes_session_and_sends_signed_event_then_redirects(
    client: stripe.StripeClient,
    standin: StandinServer,
    receiver: Receiver,
    visitor: Visitor,
    create_session: CreateSession,
) -> None:
    session = create_session()

    paid = visitor.post(f"{session.url}/pay", {"email": "mentor@example.com"})
    standin.flush()

    assert paid.status == 303
    assert paid.headers["Location"] == f"http://127.0.0.1:9/done?session={session.id}"
    completed = client.v1.checkout.sessions.retrieve(session.id)
    assert (completed.status, completed.payment_status) == ("complete", "paid")
    assert completed.customer_details.email == "mentor@example.com"
    intent = client.v1.payment_intents.retrieve(completed.payment_intent)
    assert intent.status == "succeeded"
    assert intent.amount == 12500
    assert intent.transfer_group == "engagement-7"
    assert intent.metadata.to_dict() == {"engagement": "7"}
    assert client.v1.charges.retrieve(intent.latest_charge).transfer_group == "engagement-7"
    events = receiver.events("/platform", PLATFORM_SECRET)
    assert [event.type for event in events] == [
        "payment_intent.succeeded",
        "checkout.session.completed",
    ]
    assert events[1].data.object.id == session.id
    assert events[1].data.object.payment_status == "paid"
    assert events[1].request.id is None  # caused by a person on the page, not an API call


def test_tampered_delivery_fails_signature_check(
    standin: StandinServer, receiver: Receiver, paid_session: stripe.checkout.Session
) -> None:
    standin.flush()
    delivery = receiver.deliveries[-1]

    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(
            delivery.body.replace(b"paid", b"unpaid"),
            delivery.headers["Stripe-Signature"],
            PLATFORM_SECRET,
        )


def test_declined_card_keeps_session_open(
    client: stripe.StripeClient, visitor: Visitor, create_session: CreateSession
) -> None:
    session = create_session()

    page = visitor.post(f"{session.url}/pay", {"card": "pm_card_chargeCustomerFail"})

    assert page.status == 402
    assert "declined" in page.text
    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"


def test_paid_session_cannot_be_paid_again(
    standin: StandinServer, visitor: Visitor, paid_session: stripe.checkout.Session
) -> None:
    page = visitor.post(f"{standin.base_url}/checkout/{paid_session.id}/pay", {})

    assert page.status == 409


def test_expiring_session_closes_page_and_sends_event(
    client: stripe.StripeClient,
    standin: StandinServer,
    receiver: Receiver,
    visitor: Visitor,
    create_session: CreateSession,
) -> None:
    session = create_session()

    expired = client.v1.checkout.sessions.expire(session.id)
    standin.flush()

    assert expired.status == "expired"
    assert expired.url is None
    assert visitor.get(session.url).status == 410
    [event] = receiver.events("/platform", PLATFORM_SECRET)
    assert event.type == "checkout.session.expired"
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.checkout.sessions.expire(session.id)


def test_session_create_is_idempotent(client: stripe.StripeClient) -> None:
    first = client.v1.checkout.sessions.create(
        params=STIPEND_SESSION, options={"idempotency_key": "fund-7"}
    )
    again = client.v1.checkout.sessions.create(
        params=STIPEND_SESSION, options={"idempotency_key": "fund-7"}
    )

    assert first.id == again.id


def test_unknown_parameter_is_rejected_like_stripe(create_session: CreateSession) -> None:
    with pytest.raises(stripe.InvalidRequestError) as error:
        create_session(automatic_tax={"enabled": True})

    assert error.value.param == "automatic_tax"


def test_unknown_session_is_resource_missing(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.checkout.sessions.retrieve("cs_test_missing")

    assert error.value.http_status == 404
    assert error.value.code == "resource_missing"


def test_expanding_payment_intent_and_charge_gives_the_charge_for_the_transfer(
    client: stripe.StripeClient, paid_session: stripe.checkout.Session
) -> None:
    session = client.v1.checkout.sessions.retrieve(
        paid_session.id, params={"expand": ["payment_intent.latest_charge"]}
    )
    intent = client.v1.payment_intents.retrieve(
        paid_session.payment_intent, params={"expand": ["latest_charge"]}
    )

    assert session.payment_intent.id == paid_session.payment_intent
    assert session.payment_intent.latest_charge.id.startswith("ch_")
    assert session.payment_intent.latest_charge.paid is True
    assert intent.latest_charge.id == session.payment_intent.latest_charge.id
