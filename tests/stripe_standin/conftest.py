"""Fixtures for the Stripe stand-in's tests: plain pytest, no Django.

One stand-in runs for the whole session (localstripe's store is process-global); every test
starts from empty data with two fresh webhook endpoints on a tiny local receiver.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import stripe

from devtools.stripe_standin import StandinServer

PLATFORM_SECRET = "whsec_test_platform"
CONNECT_SECRET = "whsec_test_connect"


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """A webhook endpoint on 127.0.0.1 that records what it is sent."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.deliveries.append(Delivery(self.path, dict(self.headers), body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def events(self, path: str, secret: str) -> list[stripe.Event]:
        """Events delivered to ``path``, each verified like a production webhook view does."""
        return [
            stripe.Webhook.construct_event(d.body, d.headers["Stripe-Signature"], secret)
            for d in self.deliveries
            if d.path == path
        ]

    def stop(self) -> None:
        self._server.shutdown()


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    text: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Visitor:
    """A person's browser on the hosted pages: plain GETs and form POSTs, redirects not followed."""

    _opener = urllib.request.build_opener(_NoRedirects)

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            with self._opener.open(request, timeout=10) as response:
                return Page(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, dict(error.headers), error.read().decode())

    # Only the stand-in's own http:// URLs are opened.
    def get(self, url: str) -> Page:
        return self._open(urllib.request.Request(url))  # noqa: S310

    def post(self, url: str, form: dict[str, str]) -> Page:
        data = urllib.parse.urlencode(form).encode()
        return self._open(urllib.request.Request(url, data=data, method="POST"))  # noqa: S310


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.stop()


@pytest.fixture(autouse=True)
def clean_standin(standin: StandinServer, receiver: Receiver) -> None:
    standin.reset()
    receiver.deliveries.clear()
    standin.add_webhook(f"{receiver.url}/platform", PLATFORM_SECRET)
    standin.add_webhook(f"{receiver.url}/connect", CONNECT_SECRET, connect=True)


@pytest.fixture
def client(standin: StandinServer) -> stripe.StripeClient:
    return stripe.StripeClient(
        "sk_test_standin", base_addresses={"api": standin.base_url}, max_network_retries=0
    )


@pytest.fixture
def visitor() -> Visitor:
    return Visitor()


@pytest.fixture(scope="session")
def stripe_examples() -> dict[str, dict[str, Any]]:
    """Stripe's published example objects (fixtures3.json from Stripe's OpenAPI repository)."""
    return json.loads((Path(__file__).parent / "fixtures3.json").read_text())["resources"]


@pytest.fixture
def onboarded_account(client: stripe.StripeClient, standin: StandinServer) -> stripe.Account:
    account = client.v1.accounts.create(
        params={"type": "express", "capabilities": {"transfers": {"requested": True}}}
    )
    link = client.v1.account_links.create(
        params={
            "account": account.id,
            "refresh_url": "http://127.0.0.1:9/refresh",
            "return_url": "http://127.0.0.1:9/return",
            "type": "account_onboarding",
        }
    )
    standin.complete_onboarding(link.url)
    return client.v1.accounts.retrieve(account.id)


@pytest.fixture
def create_session(client: stripe.StripeClient) -> Callable[..., stripe.checkout.Session]:
    """Create a stipend-like Checkout Session; keyword arguments override its parameters."""

    def create(**extra: Any) -> stripe.checkout.Session:
        return client.v1.checkout.sessions.create(params=STIPEND_SESSION | extra)

    return create


STIPEND_SESSION: dict[str, Any] = {
    "mode": "payment",
    "success_url": "http://127.0.0.1:9/done?session={CHECKOUT_SESSION_ID}",
    "cancel_url": "http://127.0.0.1:9/cancelled",
    "client_reference_id": "engagement-7",
    "metadata": {"engagement": "7"},
    "line_items": [
        {
            "quantity": 1,
            "price_data": {
                "currency": "usd",
                "unit_amount": 12500,
                "product_data": {"name": "Drafting stipend"},
            },
        }
    ],
    "payment_intent_data": {"transfer_group": "engagement-7", "metadata": {"engagement": "7"}},
}


@pytest.fixture
def paid_session(
    client: stripe.StripeClient,
    standin: StandinServer,
    create_session: Callable[..., stripe.checkout.Session],
) -> stripe.checkout.Session:
    session = create_session()
    standin.pay_checkout(session.url)
    return client.v1.checkout.sessions.retrieve(session.id)
