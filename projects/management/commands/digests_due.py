"""Scheduled daily: enqueue the digest e-mails job (Django's tasks framework)."""

from django.core.management.base import BaseCommand

from projects.tasks import digests_run


class Command(BaseCommand):
    help = "Enqueue the daily digest of saved searches and recommendations."

    def handle(self, *args, **options) -> None:
        result = digests_run.enqueue()
        self.stdout.write(f"digest job {result.id} enqueued ({result.status}).")
