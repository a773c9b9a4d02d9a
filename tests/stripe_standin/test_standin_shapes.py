"""Objects served by the stand-in have the top-level keys of Stripe's published examples."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import stripe

from devtools.stripe_standin import StandinServer


@pytest.fixture
def served(
    client: stripe.StripeClient,
    standin: StandinServer,
    onboarded_account: stripe.Account,
    paid_session: stripe.checkout.Session,
    create_session: Callable[..., stripe.checkout.Session],
) -> dict[str, dict[str, Any]]:
    """One object of every kind, each read back through the official library."""
    intent = client.v1.payment_intents.retrieve(paid_session.payment_intent)
    charge_id = intent.latest_charge
    transfer = client.v1.transfers.create(
        params={"amount": 10000, "currency": "usd", "destination": onboarded_account.id}
    )
    reversal = client.v1.transfers.reversals.create(transfer.id, params={"amount": 100})
    dispute_id = standin.create_dispute(charge_id)["id"]
    refunded_session = create_session()
    standin.pay_checkout(refunded_session.url)
    refunded_intent = client.v1.checkout.sessions.retrieve(refunded_session.id).payment_intent
    refund = client.v1.refunds.create(params={"payment_intent": refunded_intent})
    link = client.v1.account_links.create(
        params={
            "account": onboarded_account.id,
            "refresh_url": "http://127.0.0.1:9/r",
            "return_url": "http://127.0.0.1:9/r",
            "type": "account_onboarding",
        }
    )
    platform_event = client.v1.events.list(params={"type": "checkout.session.completed"}).data[0]
    objects = {
        "checkout.session": paid_session,
        "account": client.v1.accounts.retrieve(onboarded_account.id),
        "account_link": link,
        "transfer": client.v1.transfers.retrieve(transfer.id),
        "transfer_reversal": reversal,
        "dispute": client.v1.disputes.retrieve(dispute_id),
        "event": platform_event,
        "refund": refund,
        "payment_intent": intent,
        "charge": client.v1.charges.retrieve(charge_id),
    }
    return {name: obj.to_dict() for name, obj in objects.items()}


@pytest.mark.parametrize(
    "resource",
    [
        "checkout.session",
        "account",
        "account_link",
        "transfer",
        "transfer_reversal",
        "dispute",
        "event",
        "refund",
        "payment_intent",
        "charge",
    ],
)
def test_object_has_the_keys_of_stripes_example(
    resource: str, served: dict[str, dict[str, Any]], stripe_examples: dict[str, Any]
) -> None:
    assert set(served[resource]) == set(stripe_examples[resource])
    assert served[resource].get("object", resource) == resource


def test_connect_event_adds_only_the_account_field(
    client: stripe.StripeClient,
    onboarded_account: stripe.Account,
    stripe_examples: dict[str, Any],
) -> None:
    events = client.v1.events.list(options={"stripe_account": onboarded_account.id}).data

    assert events[0].type == "account.updated"
    assert set(events[0].to_dict()) == set(stripe_examples["event"]) | {"account"}
    assert events[0].account == onboarded_account.id


def test_nested_localstripe_objects_are_conformed_too(
    client: stripe.StripeClient, paid_session: stripe.checkout.Session
) -> None:
    intent = client.v1.payment_intents.retrieve(paid_session.payment_intent)
    refund = client.v1.refunds.create(params={"payment_intent": intent.id})

    charge = client.v1.charges.retrieve(refund.charge)

    assert isinstance(intent.latest_charge, str)
    assert charge.refunds.data[0].to_dict().keys() == refund.to_dict().keys()
