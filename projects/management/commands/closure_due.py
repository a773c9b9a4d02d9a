"""Run the closure job now (projects.tasks.closure_run, which the scheduler enqueues hourly)."""

from django.core.management.base import BaseCommand

from projects.tasks import closure_run


class Command(BaseCommand):
    help = "Now: close, kindly, what has waited for an answer for 14 days (applications, offers)."

    def handle(self, *args, **options) -> None:
        done = closure_run.call()
        self.stdout.write(
            f"{done['applications_closed']} unanswered application(s) and "
            f"{done['offers_expired']} unanswered offer(s) closed."
        )
