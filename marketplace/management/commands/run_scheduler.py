"""The one scheduler of a deployment: runs settings.SCHEDULED_COMMANDS at their intervals.

Run exactly one (the Procfile's `scheduler`) rather than cron on every box. Should two run by
mistake, a lock in the shared cache (Redis) still lets each job start once per interval.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections


class Command(BaseCommand):
    help = "Run the scheduled jobs (settings.SCHEDULED_COMMANDS) forever, or once with --once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="run every due job once, exit")
        parser.add_argument("--tick", type=float, default=30.0, help="seconds between looks")

    def handle(self, *args, once: bool, tick: float, **options) -> None:
        while True:
            for name, every in settings.SCHEDULED_COMMANDS:
                self._run_if_due(name=name, every=every)
            if once:
                return
            time.sleep(tick)

    def _run_if_due(self, *, name: str, every: int) -> None:
        # cache.add is atomic in Redis: only the first scheduler to ask in a period gets True.
        if not cache.add(f"scheduler:{name}", time.time(), timeout=every):
            return
        close_old_connections()
        started = time.monotonic()
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        except Exception as exc:  # one failing job must not stop the others
            self.stderr.write(f"scheduled job {name} failed: {exc!r}")
        else:
            self.stdout.write(f"scheduled job {name} done in {time.monotonic() - started:.1f}s")
