"""Scheduled hourly: enqueue the closure job, which declines (as the system) applications left
unanswered for 14 days (Django's tasks framework; `manage.py db_worker` runs it)."""

from django.core.management.base import BaseCommand

from projects.tasks import applications_close_run


class Command(BaseCommand):
    help = "Enqueue the automatic close of applications unanswered for 14 days."

    def handle(self, *args, **options) -> None:
        result = applications_close_run.enqueue()
        self.stdout.write(f"applications close job {result.id} enqueued ({result.status}).")
