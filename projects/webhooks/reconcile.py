"""Repair drift from Stripe: re-read recent events and apply the same handlers as the webhooks.

Safe to run any time (hourly, by the scheduler): events already applied are recognised by id and
skipped. It pages through the events since its last run (remembered in the shared cache, with a
few minutes' overlap; `hours` when there is no record), and asks connected accounts only for
those still waiting for payouts to be enabled, instead of one call per account ever onboarded.
An entry point like the webhook views: it reads Stripe, records events and calls services.
"""

import time
from collections import Counter
from typing import TypedDict

from django.core.cache import cache

from projects.stipends import stripe_client
from projects.stipends.models import ConnectedAccount
from projects.stipends.services.outbound import payouts_retry_pending
from projects.webhooks.events import CONNECT_HANDLERS, PLATFORM_HANDLERS, stripe_event_process

LAST_RUN_KEY = "reconcile_stripe:last_run"
OVERLAP_SECONDS = 300  # events created while the previous run was reading
DEFAULT_HOURS = 72  # how far back a first run reads (Stripe keeps 30 days)


class ReconcileUnavailable(Exception):
    """Stripe is not configured, or could not be read; nothing was recorded as done."""


class Reconciled(TypedDict):
    minutes_back: int
    outcomes: dict[str, int]
    payouts_retried: int


def stripe_events_reconcile(*, hours: int = DEFAULT_HOURS) -> Reconciled:
    """Apply the platform and connected-account events since the last run; then retry payouts
    that were waiting (an account may just have been enabled)."""
    if not stripe_client.is_configured():
        raise ReconcileUnavailable("STRIPE_SECRET_KEY is not set.")
    started = int(time.time())
    since = max(started - hours * 3600, cache.get(LAST_RUN_KEY, 0) - OVERLAP_SECONDS)
    outcomes: Counter[str] = Counter()
    try:
        for event in stripe_client.events_list(created_gte=since):
            outcome = stripe_event_process(
                event=event, handlers=PLATFORM_HANDLERS, source="reconcile"
            )
            outcomes[outcome] += 1
        waiting = ConnectedAccount.objects.filter(payouts_enabled=False)
        accounts = waiting.values_list("stripe_account_id", flat=True)
        for account_id in accounts.iterator():
            for event in stripe_client.events_list(created_gte=since, account_id=account_id):
                outcome = stripe_event_process(
                    event=event, handlers=CONNECT_HANDLERS, source="reconcile"
                )
                outcomes[outcome] += 1
    except stripe_client.PaymentProviderError as exc:
        raise ReconcileUnavailable(f"Stripe could not be read: {exc}") from exc
    cache.set(LAST_RUN_KEY, started, timeout=None)
    return {
        "minutes_back": (started - since) // 60,
        "outcomes": dict(sorted(outcomes.items())),
        "payouts_retried": payouts_retry_pending(),
    }
