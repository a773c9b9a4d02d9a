"""Run the daily digest job now (projects.tasks.digests_run, which the scheduler enqueues)."""

from django.core.management.base import BaseCommand

from projects.tasks import digests_run


class Command(BaseCommand):
    help = "Now: send the daily digest of saved searches and recommendations."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{digests_run.call()} digest e-mail(s) sent.")
