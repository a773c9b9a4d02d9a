"""Run the impact-letter job now (projects.tasks.impact_letters_run, which the scheduler enqueues
daily). Each mentor's letter of the month just ended goes once (the first run of a month sends;
later runs find the letters written)."""

from django.core.management.base import BaseCommand

from projects.tasks import impact_letters_run


class Command(BaseCommand):
    help = "Now: send the monthly impact letters to mentors (each once a month)."

    def handle(self, *args, **options) -> None:
        sent = impact_letters_run.call()
        self.stdout.write(f"{sent} impact letter(s) sent.")
