"""Repair drift from Stripe: re-read recent events and apply the same handlers as the webhooks.

Safe to run any time (e.g. hourly): events already applied are recognised by id and skipped.
"""

import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from projects.stipends import stripe_client
from projects.stipends.models import ConnectedAccount
from projects.stipends.services.outbound import payouts_retry_pending
from projects.webhooks.events import CONNECT_HANDLERS, PLATFORM_HANDLERS, stripe_event_process


class Command(BaseCommand):
    help = "Re-read recent Stripe events and apply any that were missed (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours", type=int, default=72, help="how far back to read (Stripe keeps 30 days)"
        )

    def handle(self, *args, hours: int, **options) -> None:
        if not stripe_client.is_configured():
            raise CommandError("STRIPE_SECRET_KEY is not set.")
        since = int(time.time()) - hours * 3600
        outcomes: Counter[str] = Counter()
        try:
            for event in stripe_client.events_list(created_gte=since):
                outcome = stripe_event_process(
                    event=event, handlers=PLATFORM_HANDLERS, source="reconcile"
                )
                outcomes[outcome] += 1
            accounts = ConnectedAccount.objects.values_list("stripe_account_id", flat=True)
            for account_id in accounts.iterator():
                for event in stripe_client.events_list(created_gte=since, account_id=account_id):
                    outcome = stripe_event_process(
                        event=event, handlers=CONNECT_HANDLERS, source="reconcile"
                    )
                    outcomes[outcome] += 1
        except stripe_client.PaymentProviderError as exc:
            raise CommandError(f"Stripe could not be read: {exc}") from exc
        retried = payouts_retry_pending()
        summary = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
        self.stdout.write(
            f"Stripe events since {hours} h ago: {summary or 'none'}; "
            f"{retried} waiting payout(s) retried."
        )
