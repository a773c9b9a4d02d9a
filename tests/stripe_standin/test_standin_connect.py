"""Connect: onboarding through account links, transfers with idempotency, reversals."""

from __future__ import annotations

import urllib.parse

import pytest
import stripe

from devtools.stripe_standin import StandinServer

from .conftest import CONNECT_SECRET, PLATFORM_SECRET, Receiver, Visitor


@pytest.fixture
def account(client: stripe.StripeClient) -> stripe.Account:
    return client.v1.accounts.create(
        params={
            "controller": {
                "stripe_dashboard": {"type": "express"},
                "fees": {"payer": "application"},
                "losses": {"payments": "application"},
            },
            "email": "drafter@example.com",
            "metadata": {"user": "42"},
            "capabilities": {"transfers": {"requested": True}},
        }
    )


def test_new_account_cannot_be_paid_until_onboarded(account: stripe.Account) -> None:
    assert account.id.startswith("acct_")
    assert account.type == "express"
    assert (account.charges_enabled, account.payouts_enabled, account.details_submitted) == (
        False,
        False,
        False,
    )
    assert account.requirements.currently_due
    assert account.metadata.to_dict() == {"user": "42"}


def test_onboarding_page_enables_account_and_tells_connect_endpoint(
    client: stripe.StripeClient,
    standin: StandinServer,
    receiver: Receiver,
    visitor: Visitor,
    account: stripe.Account,
) -> None:
    link = client.v1.account_links.create(
        params={
            "account": account.id,
            "refresh_url": "http://127.0.0.1:9/refresh",
            "return_url": "http://127.0.0.1:9/return",
            "type": "account_onboarding",
        }
    )
    page = visitor.get(link.url)
    assert page.status == 200
    assert "<button" in page.text and "Complete onboarding" in page.text

    token = urllib.parse.parse_qs(urllib.parse.urlsplit(link.url).query)["link"][0]
    submitted = visitor.post(f"{standin.base_url}/connect/onboarding/{account.id}", {"link": token})
    standin.flush()

    assert submitted.status == 303
    assert submitted.headers["Location"] == "http://127.0.0.1:9/return"
    enabled = client.v1.accounts.retrieve(account.id)
    assert (enabled.charges_enabled, enabled.payouts_enabled, enabled.details_submitted) == (
        True,
        True,
        True,
    )
    assert enabled.requirements.currently_due == []
    assert enabled.capabilities.transfers == "active"
    (event,) = receiver.events("/connect", CONNECT_SECRET)
    assert event.type == "account.updated"
    assert event.account == account.id
    assert event.data.object.payouts_enabled is True
    assert event.data.previous_attributes.payouts_enabled is False
    assert receiver.events("/platform", PLATFORM_SECRET) == []


def test_unknown_onboarding_link_is_refused(
    standin: StandinServer, visitor: Visitor, account: stripe.Account
) -> None:
    page = visitor.post(f"{standin.base_url}/connect/onboarding/{account.id}", {"link": "nope"})

    assert page.status == 404


def test_account_link_for_unknown_account_is_resource_missing(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.account_links.create(
            params={
                "account": "acct_missing",
                "refresh_url": "http://127.0.0.1:9/r",
                "return_url": "http://127.0.0.1:9/r",
                "type": "account_onboarding",
            }
        )

    assert error.value.code == "resource_missing"
    assert error.value.param == "account"


def test_transfer_with_same_idempotency_key_is_made_once(
    client: stripe.StripeClient,
    standin: StandinServer,
    receiver: Receiver,
    onboarded_account: stripe.Account,
    paid_session: stripe.checkout.Session,
) -> None:
    charge = client.v1.payment_intents.retrieve(paid_session.payment_intent).latest_charge
    params = {
        "amount": 11000,
        "currency": "usd",
        "destination": onboarded_account.id,
        "transfer_group": "engagement-7",
        "source_transaction": charge,
        "metadata": {"engagement": "7"},
    }

    first = client.v1.transfers.create(params=params, options={"idempotency_key": "payout-7"})
    second = client.v1.transfers.create(params=params, options={"idempotency_key": "payout-7"})
    standin.flush()

    assert first.id == second.id
    assert first.source_transaction == charge
    listed = client.v1.transfers.list(params={"transfer_group": "engagement-7"}).data
    assert [transfer.id for transfer in listed] == [first.id]
    created = [e for e in receiver.events("/platform", PLATFORM_SECRET) if e.type.startswith("tr")]
    assert [(event.type, event.data.object.id) for event in created] == [
        ("transfer.created", first.id)
    ]
    assert created[0].request.idempotency_key == "payout-7"


def test_idempotency_key_reused_with_other_parameters_is_an_error(
    client: stripe.StripeClient, onboarded_account: stripe.Account
) -> None:
    params = {"amount": 500, "currency": "usd", "destination": onboarded_account.id}
    client.v1.transfers.create(params=params, options={"idempotency_key": "payout-8"})

    with pytest.raises(stripe.IdempotencyError):
        client.v1.transfers.create(
            params=params | {"amount": 600}, options={"idempotency_key": "payout-8"}
        )
    assert len(client.v1.transfers.list().data) == 1


def test_transfer_to_unknown_account_is_resource_missing(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.transfers.create(
            params={"amount": 500, "currency": "usd", "destination": "acct_missing"}
        )

    assert error.value.http_status == 400
    assert error.value.code == "resource_missing"
    assert error.value.param == "destination"
    assert error.value.json_body["error"]["type"] == "invalid_request_error"


def test_transfer_to_account_not_onboarded_is_refused(
    client: stripe.StripeClient, account: stripe.Account
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.transfers.create(
            params={"amount": 500, "currency": "usd", "destination": account.id}
        )

    assert error.value.code == "insufficient_capabilities_for_transfer"


def test_reversal_reduces_transfer_and_sends_transfer_reversed(
    client: stripe.StripeClient,
    standin: StandinServer,
    receiver: Receiver,
    onboarded_account: stripe.Account,
) -> None:
    transfer = client.v1.transfers.create(
        params={"amount": 1000, "currency": "usd", "destination": onboarded_account.id}
    )

    partial = client.v1.transfers.reversals.create(transfer.id, params={"amount": 400})
    rest = client.v1.transfers.reversals.create(transfer.id)
    standin.flush()

    assert (partial.amount, rest.amount) == (400, 600)
    reversed_transfer = client.v1.transfers.retrieve(transfer.id)
    assert reversed_transfer.amount_reversed == 1000
    assert reversed_transfer.reversed is True
    listed = client.v1.transfers.reversals.list(transfer.id).data
    assert [reversal.id for reversal in listed] == [rest.id, partial.id]
    types = [event.type for event in receiver.events("/platform", PLATFORM_SECRET)]
    assert types == ["transfer.created", "transfer.reversed", "transfer.reversed"]
