"""One scheduling pattern: the scheduler enqueues one task per job kind and workers run them; a
second scheduler (or a second look in the same period) enqueues nothing more."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.tasks import task_backends
from django.utils import timezone

pytestmark = pytest.mark.django_db

JOBS = {
    "projects.tasks.stipends_due_run",
    "projects.tasks.stripe_reconcile_run",
    "projects.tasks.message_digests_run",
    "projects.tasks.nudges_run",
    "projects.tasks.digests_run",
    "projects.tasks.closure_run",
}


@pytest.fixture
def queue(settings):
    """A queue that only records what was enqueued (no worker runs it)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    yield backend
    backend.clear()


def _enqueued(queue) -> list[str]:
    return [result.task.module_path for result in queue.results]


def test_the_scheduler_enqueues_each_job_kind_once_and_runs_none_itself(queue):
    out = StringIO()

    call_command("run_scheduler", "--once", stdout=out)

    assert sorted(_enqueued(queue)) == sorted(JOBS)
    assert {path for path, _ in settings.SCHEDULED_TASKS} == JOBS
    assert out.getvalue().count("enqueued") == len(JOBS)


def test_a_second_scheduler_in_the_same_period_enqueues_nothing(queue):
    call_command("run_scheduler", "--once", stdout=StringIO())

    call_command("run_scheduler", "--once", stdout=StringIO())

    assert len(_enqueued(queue)) == len(JOBS)


def test_a_job_comes_due_again_after_its_interval(queue, settings):
    settings.SCHEDULED_TASKS = [("projects.tasks.nudges_run", 3600)]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        call_command("run_scheduler", "--once", stdout=StringIO())
    with time_machine.travel(start + timedelta(minutes=59), tick=False):
        call_command("run_scheduler", "--once", stdout=StringIO())
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        call_command("run_scheduler", "--once", stdout=StringIO())

    assert _enqueued(queue) == ["projects.tasks.nudges_run"] * 2
