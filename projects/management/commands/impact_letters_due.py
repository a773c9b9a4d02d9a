"""Scheduled daily: enqueue the mentors' impact letters. Each mentor's letter of the month just
ended goes once (the first run of a month sends; later runs find the letters written)."""

from django.core.management.base import BaseCommand

from projects.tasks import impact_letters_run


class Command(BaseCommand):
    help = "Enqueue the monthly impact letters to mentors."

    def handle(self, *args, **options) -> None:
        result = impact_letters_run.enqueue()
        self.stdout.write(f"impact letters job {result.id} enqueued ({result.status}).")
