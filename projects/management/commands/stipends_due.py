"""Run the hourly money job now (projects.tasks.stipends_due_run, which the scheduler enqueues)."""

from django.core.management.base import BaseCommand

from projects.tasks import stipends_due_run


class Command(BaseCommand):
    help = (
        "Now: lapse acceptances unfunded for 7 days, release stipends 14 days after delivery with "
        "no mentor response (unless frozen), and retry payouts and refunds that are waiting."
    )

    def handle(self, *args, **options) -> None:
        done = stipends_due_run.call()
        self.stdout.write(
            f"{done['lapsed']} lapsed, {done['auto_released']} auto-released, "
            f"{done['payouts_retried']} waiting payout(s) retried, "
            f"{done['refunds_retried']} owed refund(s) made."
        )
