"""Stipend tests run the real `stripe` library against the local stand-in over HTTP.

Webhooks are either taken from the stand-in's event list and posted to our endpoints signed
with the endpoint's secret (deterministic, replayable in any order), or delivered by the
stand-in itself to the live server (tests that say so).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
import stripe
from django.test import Client

from devtools.stripe_standin import StandinServer
from projects.models import Engagement
from projects.stipends.models import ConnectedAccount, Stipend
from projects.stipends.services.checkout import engagement_fund_start
from projects.stipends.services.connected_accounts import connected_account_onboarding_link
from projects.stipends.services.engagement_money import (
    stipend_on_engagement_accepted,
    stipend_on_engagement_approved,
    stipend_on_engagement_cancelled,
)
from tests.factories import EngagementFactory, TaskFactory, UserFactory

PLATFORM_SECRET = "whsec_test_platform_endpoint"
CONNECT_SECRET = "whsec_test_connect_endpoint"
PLATFORM_PATH = "/payments/stripe/webhook/"
CONNECT_PATH = "/payments/stripe/connect-webhook/"
STIPEND = 12_500


@pytest.fixture(autouse=True)
def stripe_settings(settings, stripe_standin_settings: StandinServer) -> StandinServer:
    settings.PLATFORM_FEE_PERCENT = 10.0
    return stripe_standin_settings


@pytest.fixture
def stripe_api(standin: StandinServer) -> stripe.StripeClient:
    """The test's own view of "Stripe", to check what our code did there."""
    return stripe.StripeClient(
        "sk_test_slipstream", base_addresses={"api": standin.base_url}, max_network_retries=0
    )


def signed_post(
    client: Client, path: str, payload: str | bytes, secret: str, timestamp: int | None = None
) -> Any:
    text = payload.decode() if isinstance(payload, bytes) else payload
    header = stripe.WebhookSignature.generate_signature_header(
        text, secret, timestamp=timestamp or int(time.time())
    )
    return client.post(
        path, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


@dataclass
class Webhooks:
    """Posts the stand-in's events to our endpoints, signed, as Stripe would deliver them."""

    stripe_api: stripe.StripeClient
    client: Client = field(default_factory=Client)
    seen: set[str] = field(default_factory=set)
    # Connected accounts whose events to fetch (default: every account in the database).
    accounts: list[str] | None = None

    def new_events(self) -> list[tuple[str, dict[str, Any]]]:
        """(endpoint path, event) for events not fetched before, oldest first."""
        found: list[tuple[str, dict[str, Any]]] = []
        platform = self.stripe_api.v1.events.list(params={"limit": 100}).data
        # The list is newest first; reversed, it is the order Stripe sent them in.
        found += [(PLATFORM_PATH, event.to_dict()) for event in reversed(platform)]
        accounts = self.accounts
        if accounts is None:
            accounts = list(ConnectedAccount.objects.values_list("stripe_account_id", flat=True))
        for account_id in accounts:
            connect = self.stripe_api.v1.events.list(
                params={"limit": 100}, options={"stripe_account": account_id}
            ).data
            found += [(CONNECT_PATH, event.to_dict()) for event in reversed(connect)]
        fresh = [(path, event) for path, event in found if event["id"] not in self.seen]
        self.seen.update(event["id"] for _, event in fresh)
        return sorted(fresh, key=lambda item: item[1]["created"])

    def post(self, path: str, event: dict[str, Any]) -> Any:
        secret = PLATFORM_SECRET if path == PLATFORM_PATH else CONNECT_SECRET
        response = signed_post(self.client, path, json.dumps(event), secret)
        assert response.status_code == 200, response.content
        return response

    def deliver(self) -> list[dict[str, Any]]:
        events = self.new_events()
        for path, event in events:
            self.post(path, event)
        return [event for _, event in events]


@pytest.fixture
def webhooks(stripe_api: stripe.StripeClient) -> Webhooks:
    return Webhooks(stripe_api)


def make_paid_engagement(
    state: str = Engagement.State.AWAITING_FUNDING, amount: int = STIPEND
) -> Engagement:
    """An accepted application on a paid task, with its unfunded stipend (the accept seam)."""
    task = TaskFactory(stipend_amount=amount)
    engagement = EngagementFactory(application__task=task, state=state)
    stipend_on_engagement_accepted(engagement=engagement)
    return engagement


@pytest.fixture
def engagement(db) -> Engagement:
    return make_paid_engagement()


def pay(standin: StandinServer, engagement: Engagement) -> str:
    """The mentor presses "Fund stipend" and pays on the (stand-in's) Checkout page."""
    url = engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)
    standin.pay_checkout(url)
    return url


def onboard(standin: StandinServer, user) -> ConnectedAccount:
    """The drafter sets up payouts on the (stand-in's) hosted onboarding page."""
    standin.complete_onboarding(connected_account_onboarding_link(user=user))
    return ConnectedAccount.objects.get(user=user)


def approve(engagement: Engagement) -> Any:
    """What the lifecycle's approval does, as far as money is concerned."""
    Engagement.objects.filter(pk=engagement.pk).update(state=Engagement.State.COMPLETED)
    engagement.refresh_from_db()
    return stipend_on_engagement_approved(engagement=engagement)


def cancel(engagement: Engagement) -> Stipend | None:
    Engagement.objects.filter(pk=engagement.pk).update(state=Engagement.State.CANCELLED)
    engagement.refresh_from_db()
    return stipend_on_engagement_cancelled(engagement=engagement)


def staff_user():
    return UserFactory(is_staff=True)


def transfers_for(stripe_api: stripe.StripeClient, engagement_id: int) -> list[Any]:
    return stripe_api.v1.transfers.list(
        params={"transfer_group": f"engagement-{engagement_id}", "limit": 100}
    ).data
