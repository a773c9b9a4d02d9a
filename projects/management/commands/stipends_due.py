"""Scheduled work: run every hour (the scheduler, or cron enqueueing projects.tasks.run_due)."""

from django.core.management.base import BaseCommand

from projects.tasks import due_work_run


class Command(BaseCommand):
    help = (
        "Lapse acceptances unfunded for 7 days, release stipends 14 days after delivery with "
        "no mentor response (unless frozen), retry payouts that are waiting, and close offers "
        "unanswered for 14 days."
    )

    def handle(self, *args, **options) -> None:
        done = due_work_run()
        self.stdout.write(
            f"{done['lapsed']} lapsed, {done['auto_released']} auto-released, "
            f"{done['payouts_retried']} waiting payout(s) retried, "
            f"{done['refunds_retried']} owed refund(s) made, "
            f"{done['offers_expired']} unanswered offer(s) closed."
        )
