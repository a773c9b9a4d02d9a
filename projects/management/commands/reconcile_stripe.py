"""Run the Stripe reconciliation now (projects.tasks.stripe_reconcile_run, which the scheduler
enqueues hourly): re-read recent events and apply any that were missed (idempotent)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from projects.webhooks.reconcile import DEFAULT_HOURS, ReconcileUnavailable, stripe_events_reconcile


class Command(BaseCommand):
    help = "Re-read recent Stripe events and apply any that were missed (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours",
            type=int,
            default=DEFAULT_HOURS,
            help="how far back to read without a record of the last run (Stripe keeps 30 days)",
        )

    def handle(self, *args, hours: int, **options) -> None:
        try:
            done = stripe_events_reconcile(hours=hours)
        except ReconcileUnavailable as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{count} {name}" for name, count in done["outcomes"].items())
        self.stdout.write(
            f"Stripe events since {done['minutes_back']} min ago: {summary or 'none'}; "
            f"{done['payouts_retried']} waiting payout(s) retried."
        )
