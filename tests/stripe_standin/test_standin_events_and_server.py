"""The event list, delivery bookkeeping, reset, auth and how the server may be started."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import stripe

from devtools.stripe_standin import StandinServer, start_in_thread

from .conftest import Receiver


def test_events_are_listed_newest_first_and_filtered(
    client: stripe.StripeClient, standin: StandinServer, onboarded_account: stripe.Account
) -> None:
    for amount in (100, 200, 300):
        client.v1.transfers.create(
            params={"amount": amount, "currency": "usd", "destination": onboarded_account.id}
        )

    listed = client.v1.events.list(params={"type": "transfer.created", "limit": 2})
    rest = client.v1.events.list(
        params={"type": "transfer.created", "starting_after": listed.data[-1].id}
    )
    recent = client.v1.events.list(params={"created": {"gte": int(time.time()) - 60}})
    future = client.v1.events.list(params={"created": {"gte": int(time.time()) + 60}})

    assert [event.data.object.amount for event in listed.data] == [300, 200]
    assert listed.has_more is True
    assert [event.data.object.amount for event in rest.data] == [100]
    assert rest.has_more is False
    assert len(recent.data) == 3
    assert future.data == []
    assert client.v1.events.retrieve(listed.data[0].id).type == "transfer.created"


def test_platform_list_leaves_out_connected_accounts_events(
    client: stripe.StripeClient, onboarded_account: stripe.Account
) -> None:
    platform = client.v1.events.list().data
    connected = client.v1.events.list(options={"stripe_account": onboarded_account.id}).data

    assert [event.type for event in platform] == []
    assert [event.type for event in connected] == ["account.updated"]


def test_localstripe_events_are_listed_and_delivered(
    client: stripe.StripeClient, standin: StandinServer, receiver: Receiver
) -> None:
    customer = client.v1.customers.create(params={"email": "mentor@example.com"})

    deliveries = standin.flush()

    assert client.v1.events.list().data[0].type == "customer.created"
    assert [(d["event_type"], d["status"]) for d in deliveries] == [("customer.created", 200)]
    assert deliveries[0]["event"]["data"]["object"]["id"] == customer.id
    assert standin.flush() == []
    assert len(standin.deliveries()) == 1


def test_held_deliveries_wait_for_the_next_flush(
    client: stripe.StripeClient, standin: StandinServer, receiver: Receiver
) -> None:
    standin.hold_deliveries()
    client.v1.customers.create(params={"email": "mentor@example.com"})
    client.v1.customers.create(params={"email": "drafter@example.com"})

    waiting = standin.deliveries()
    delivered = standin.flush()
    received = len(receiver.deliveries)
    client.v1.customers.create(params={"email": "after@example.com"})

    assert waiting == []
    assert [d["event_type"] for d in delivered] == ["customer.created"] * 2
    assert received == 2
    assert [d["event_type"] for d in standin.flush()] == ["customer.created"]  # hold ended


def test_delivery_to_unreachable_endpoint_is_recorded(
    client: stripe.StripeClient, standin: StandinServer
) -> None:
    standin.reset()
    standin.add_webhook("http://127.0.0.1:9/nobody-listens", "whsec_x")

    client.v1.customers.create(params={"email": "a@example.com"})
    [delivery] = standin.flush()

    assert delivery["status"] is None
    assert delivery["error"]


def test_reset_forgets_objects_and_events(
    client: stripe.StripeClient, standin: StandinServer, paid_session: stripe.checkout.Session
) -> None:
    standin.reset(keep_webhooks=True)

    with pytest.raises(stripe.InvalidRequestError):
        client.v1.checkout.sessions.retrieve(paid_session.id)
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.payment_intents.retrieve(paid_session.payment_intent)
    assert client.v1.events.list().data == []
    assert standin.deliveries() == []


def test_api_without_secret_key_is_unauthorised(standin: StandinServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{standin.base_url}/v1/transfers")  # noqa: S310

    assert error.value.code == 401


def test_unknown_api_url_gives_stripe_error(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.payouts.reverse("po_123")

    assert error.value.http_status == 404


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10"])  # noqa: S104
def test_thread_server_refuses_non_loopback_host(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        start_in_thread(host=host)


def test_command_line_refuses_non_loopback_host() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "devtools.stripe_standin", "--host", "0.0.0.0"],  # noqa: S104
        cwd=root,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 2
    assert "loopback" in result.stderr
