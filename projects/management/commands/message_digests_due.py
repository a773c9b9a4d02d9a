"""Run the hourly message-digest job now (projects.tasks.message_digests_run, which the
scheduler enqueues)."""

from django.core.management.base import BaseCommand

from projects.tasks import message_digests_run


class Command(BaseCommand):
    help = "Now: e-mail each person with unread messages one digest."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{message_digests_run.call()} message digest(s) sent.")
