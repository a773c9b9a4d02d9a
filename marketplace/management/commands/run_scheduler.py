"""The one scheduler of a deployment: enqueues settings.SCHEDULED_TASKS at their intervals.

One pattern for every scheduled job: the scheduler only enqueues (one task per job kind, named
by dotted path so the kernel imports no app), and the workers (`manage.py db_worker`) do the
work, so a slow job never delays the others. Run exactly one scheduler (the Procfile's
`scheduler`) rather than cron on every box. Should two run by mistake, a lock in the shared cache
(Redis) still lets each job be enqueued once per interval; the jobs are idempotent besides.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Enqueue the scheduled tasks (settings.SCHEDULED_TASKS) forever, or once with --once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="enqueue every due job once, exit")
        parser.add_argument("--tick", type=float, default=30.0, help="seconds between looks")

    def handle(self, *args: object, once: bool, tick: float, **options: object) -> None:
        while True:
            for path, every in settings.SCHEDULED_TASKS:
                self._enqueue_if_due(path=path, every=every)
            if once:
                return
            time.sleep(tick)

    def _enqueue_if_due(self, *, path: str, every: int) -> None:
        # cache.add is atomic in Redis: only the first scheduler to ask in a period gets True.
        if not cache.add(f"scheduler:{path}", time.time(), timeout=every):
            return
        close_old_connections()
        try:
            result = import_string(path).enqueue()
        except Exception as exc:  # one job that cannot be enqueued must not stop the others
            self.stderr.write(f"scheduled job {path} not enqueued: {exc!r}")
        else:
            self.stdout.write(f"scheduled job {path} enqueued as {result.id} ({result.status})")
