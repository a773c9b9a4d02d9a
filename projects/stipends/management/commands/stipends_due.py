"""Scheduled stipend work: run every hour (cron, or a scheduler enqueueing stipends_run_due)."""

from django.core.management.base import BaseCommand

from projects.stipends.services import (
    payouts_retry_pending,
    stipend_auto_release_due,
    stipend_lapse_unfunded,
)


class Command(BaseCommand):
    help = (
        "Lapse acceptances unfunded for 7 days, release stipends 14 days after delivery with "
        "no mentor response (unless frozen), and retry payouts that are waiting."
    )

    def handle(self, *args, **options) -> None:
        lapsed = stipend_lapse_unfunded()
        released = stipend_auto_release_due()
        retried = payouts_retry_pending()
        self.stdout.write(
            f"{lapsed} lapsed, {released} auto-released, {retried} waiting payout(s) retried."
        )
