"""Repair drift from Stripe: re-read recent events and apply the same handlers as the webhooks.

Safe to run any time (e.g. hourly): events already applied are recognised by id and skipped.
It pages through the events since its last run (remembered in the shared cache, with a few
minutes' overlap; --hours when there is no record), and asks connected accounts only for those
still waiting for payouts to be enabled, instead of one call per account ever onboarded.
"""

import time
from collections import Counter

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from projects.stipends import stripe_client
from projects.stipends.models import ConnectedAccount
from projects.stipends.services.outbound import payouts_retry_pending
from projects.webhooks.events import CONNECT_HANDLERS, PLATFORM_HANDLERS, stripe_event_process

LAST_RUN_KEY = "reconcile_stripe:last_run"
OVERLAP_SECONDS = 300  # events created while the previous run was reading


class Command(BaseCommand):
    help = "Re-read recent Stripe events and apply any that were missed (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours", type=int, default=72, help="how far back to read (Stripe keeps 30 days)"
        )

    def handle(self, *args, hours: int, **options) -> None:
        if not stripe_client.is_configured():
            raise CommandError("STRIPE_SECRET_KEY is not set.")
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
            raise CommandError(f"Stripe could not be read: {exc}") from exc
        cache.set(LAST_RUN_KEY, started, timeout=None)
        retried = payouts_retry_pending()
        summary = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
        self.stdout.write(
            f"Stripe events since {(started - since) // 60} min ago: {summary or 'none'}; "
            f"{retried} waiting payout(s) retried."
        )
