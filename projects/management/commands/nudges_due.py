"""Scheduled hourly: enqueue the nudges job (Django's tasks framework; the database backend's
worker, `manage.py db_worker`, runs it)."""

from django.core.management.base import BaseCommand

from projects.tasks import nudges_run


class Command(BaseCommand):
    help = "Enqueue planning and sending of follow-up nudges."

    def handle(self, *args, **options) -> None:
        result = nudges_run.enqueue()
        self.stdout.write(f"nudges job {result.id} enqueued ({result.status}).")
