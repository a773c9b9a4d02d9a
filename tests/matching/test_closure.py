"""The closure guarantee: no application waits for an answer more than 14 days — reminded on
days 7 and 12 with one-click decline reasons, closed by the system on day 14 (labelled as such,
with three tasks that fit), once, whatever the runs and restarts."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Notification
from projects.models import Application, AuditEntry
from projects.services.closure import applications_close_due
from projects.services.nudges import nudges_plan, nudges_send_due
from projects.tasks import closure_run
from tests.factories import ApplicationFactory, SkillFactory, TaskFactory
from tests.matching.conftest import WORKING

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
A = Application.State


def _closed_notices(user):
    return list(
        Notification.objects.filter(
            recipient=user, kind="application_closed_automatically"
        ).values_list("title", flat=True)
    )


def test_nothing_is_left_unanswered_past_14_days_and_a_second_run_changes_nothing():
    start = timezone.now()
    waiting = ApplicationFactory(state=A.SUBMITTED)
    shortlisted = ApplicationFactory(state=A.SHORTLISTED)
    accepted = ApplicationFactory(state=A.ACCEPTED)
    withdrawn = ApplicationFactory(state=A.WITHDRAWN)
    with time_machine.travel(start + timedelta(days=3), tick=False):
        recent = ApplicationFactory(state=A.SUBMITTED)

    with time_machine.travel(start + timedelta(days=13, hours=23), tick=False):
        assert applications_close_due(now=timezone.now()) == 0
    with time_machine.travel(start + timedelta(days=14, minutes=1), tick=False):
        now = timezone.now()
        assert applications_close_due(now=now) == 2
        snapshot = list(Application.objects.order_by("pk").values())
        assert applications_close_due(now=now) == 0  # a second run changes nothing
        assert list(Application.objects.order_by("pk").values()) == snapshot
        assert not Application.objects.filter(
            state__in=[A.SUBMITTED, A.SHORTLISTED], created_at__lte=now - timedelta(days=14)
        ).exists()

    states = {a.pk: a.state for a in Application.objects.all()}
    assert states[waiting.pk] == states[shortlisted.pk] == A.DECLINED
    assert (states[accepted.pk], states[withdrawn.pk], states[recent.pk]) == (
        A.ACCEPTED,
        A.WITHDRAWN,
        A.SUBMITTED,
    )
    assert _closed_notices(waiting.drafter) == [f"“{waiting.task.title}” closed without an answer"]


def test_an_automatic_close_is_labelled_as_such_never_as_the_mentors_note():
    application = ApplicationFactory()
    with time_machine.travel(timezone.now() + timedelta(days=15), tick=False):
        applications_close_due(now=timezone.now())
    application.refresh_from_db()
    assert application.closed_automatically is True
    assert application.decline_reason == Application.DeclineReason.NO_ANSWER
    assert application.decline_note == ""
    audit = AuditEntry.objects.get(
        subject_type="application", subject_id=application.pk, to_state=A.DECLINED
    )
    assert (audit.via, audit.actor_id, audit.to_state) == ("system", None, A.DECLINED)


def test_the_drafter_is_shown_three_other_tasks_that_fit(make_drafter, client_for):
    drafter = make_drafter({"Python": WORKING}, weekly_hours=10)
    python = SkillFactory(name="Python")
    application = ApplicationFactory(drafter=drafter, task=TaskFactory(skills=[python]))
    fitting = [TaskFactory(skills=[python], title=f"Python job {n}") for n in range(4)]
    TaskFactory(title="Unrelated", skills=[SkillFactory(name="Bookkeeping")])

    with time_machine.travel(timezone.now() + timedelta(days=15), tick=False):
        applications_close_due(now=timezone.now())

    application.refresh_from_db()
    assert len(application.alternative_task_ids) == 3
    assert set(application.alternative_task_ids) <= {t.pk for t in fitting}
    body = client_for(drafter).get(f"/api/v1/applications/{application.pk}/").json()
    assert body["closed_automatically"] is True
    assert body["decline_reason"] == "no_answer"
    assert [row["id"] for row in body["alternatives"]] == application.alternative_task_ids
    assert all(row["level"] == "some_experience" for row in body["alternatives"])
    [notice] = Notification.objects.filter(kind="application_closed_automatically")
    assert "Here are 3 tasks that fit you" in notice.body
    mentor_view = client_for(application.task.mentor).get(f"/api/v1/applications/{application.pk}/")
    assert mentor_view.json()["alternatives"] == []


@pytest.mark.django_db(transaction=True)
def test_the_close_happens_once_across_scheduler_repeats_and_worker_restarts(settings):
    settings.TASKS = DB_TASKS
    application = ApplicationFactory()
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        closure_run.enqueue()
        closure_run.enqueue()  # the scheduler enqueued twice
        call_command("db_worker", "--batch", "--no-startup-delay")
        call_command("db_worker", "--batch", "--no-startup-delay")  # a restarted worker
    application.refresh_from_db()
    assert application.state == A.DECLINED
    assert len(_closed_notices(application.drafter)) == 1
    assert AuditEntry.objects.filter(subject_type="application", to_state=A.DECLINED).count() == 1


def test_the_close_is_scheduled_like_the_other_periodic_jobs(settings):
    assert "projects.tasks.closure_run" in [path for path, _ in settings.SCHEDULED_TASKS]


def test_the_day_seven_reminder_carries_one_click_decline_reasons():
    application = ApplicationFactory()
    with time_machine.travel(timezone.now() + timedelta(days=7, hours=1), tick=False):
        nudges_plan()
        nudges_send_due()
    [notice] = Notification.objects.filter(recipient=application.task.mentor)
    assert f"/applications/{application.pk}/?decline=not_a_fit#decline" in notice.body
    assert "?decline=no_answer" not in notice.body
    assert "closes automatically after 14 days" in notice.body


def test_a_mentor_declines_in_one_click_with_a_reason(client_for):
    application = ApplicationFactory()
    mentor = application.task.mentor
    url = f"/api/v1/applications/{application.pk}/decline/"

    refused = client_for(mentor).post(url, {"reason": "no_answer"}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()["error"]["fields"]

    response = client_for(mentor).post(url, {"reason": "no_capacity"}, format="json")
    assert response.status_code == 200
    assert response.json()["decline_reason"] == "no_capacity"
    assert response.json()["closed_automatically"] is False
    assert client_for(application.drafter).post(url, {"reason": "filled"}).status_code == 404


def test_reminders_stop_once_the_application_closes():
    application = ApplicationFactory()
    with time_machine.travel(timezone.now() + timedelta(days=15), tick=False):
        applications_close_due(now=timezone.now())
        nudges_plan()
        nudges_send_due()
    assert not Notification.objects.filter(recipient=application.task.mentor).exists()
