"""Run the hourly nudges job now (projects.tasks.nudges_run, which the scheduler enqueues)."""

from django.core.management.base import BaseCommand

from projects.tasks import nudges_run


class Command(BaseCommand):
    help = "Now: plan the follow-up nudges whose moment came and send those due."

    def handle(self, *args, **options) -> None:
        done = nudges_run.call()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in done.items()))
