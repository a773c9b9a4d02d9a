"""Follow-up nudges: each at its moment (time moved), once across worker restarts, capped,
snoozable, respecting preferences; dropped when the engagement moved on."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Notification
from accounts.services.preferences import notification_preferences_update
from projects.models import Application, Engagement, Nudge
from projects.services.nudges import nudges_plan, nudges_send_due
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run(now=None):
    nudges_plan(now=now)
    return nudges_send_due(now=now)


def _titles(user):
    return list(
        Notification.objects.filter(recipient=user, kind__startswith="nudge_").values_list(
            "title", flat=True
        )
    )


def test_an_unanswered_application_nudges_the_mentor_on_day_seven_then_a_last_time_on_day_12():
    application = ApplicationFactory()
    mentor = application.task.mentor

    with time_machine.travel(timezone.now() + timedelta(days=6)):
        _run()
    assert _titles(mentor) == []

    with time_machine.travel(timezone.now() + timedelta(days=7, hours=1)):
        _run()
        _run()  # planning and sending again changes nothing
    assert _titles(mentor) == ["An application has waited 7 days"]

    with time_machine.travel(timezone.now() + timedelta(days=12, hours=1)):
        _run()
        _run()
    assert sorted(_titles(mentor)) == [
        "An application has waited 7 days",
        "Last reminder: an application closes in 2 days",
    ]


def test_a_nudge_for_an_application_answered_meanwhile_is_dropped_not_sent():
    application = ApplicationFactory()
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        nudges_plan()
        Application.objects.filter(pk=application.pk).update(state=Application.State.DECLINED)
        result = nudges_send_due()
    assert result["dropped"] == 1
    assert _titles(application.task.mentor) == []


def test_deliverable_due_in_two_days_nudges_the_drafter():
    task = TaskFactory(title="Survey clean-up", deadline=timezone.localdate() + timedelta(days=5))
    engagement = EngagementFactory(application__task=task)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        _run()
    assert _titles(engagement.drafter) == []
    with time_machine.travel(timezone.now() + timedelta(days=3, hours=1)):
        _run()
    assert _titles(engagement.drafter) == ["“Survey clean-up” is due in two days"]


def test_delivered_work_unreviewed_for_three_days_nudges_the_mentor_before_auto_release():
    engagement = EngagementFactory(
        state=Engagement.State.DELIVERED,
        delivered_at=timezone.now(),
        application__task__title="Logo",
    )
    with time_machine.travel(timezone.now() + timedelta(days=3, hours=1)):
        _run()
    assert _titles(engagement.mentor) == ["Delivered work on “Logo” waits for your review"]


def test_report_back_prompts_at_30_and_90_days_after_completion():
    engagement = EngagementFactory(
        state=Engagement.State.COMPLETED,
        completed_at=timezone.now(),
        application__task__title="Pitch deck",
    )
    for days in (29, 31, 60, 91):
        with time_machine.travel(timezone.now() + timedelta(days=days)):
            _run()
    assert _titles(engagement.drafter) == ["What did “Pitch deck” lead to?"] * 2
    assert (
        _titles(engagement.mentor)
        == ["Could you introduce your drafter from “Pitch deck” to someone?"] * 2
    )


@pytest.mark.django_db(transaction=True)
def test_a_nudge_is_sent_exactly_once_across_worker_restarts(settings):
    settings.TASKS = DB_TASKS
    application = ApplicationFactory()
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        call_command("nudges_due")
        call_command("nudges_due")  # the scheduler enqueued twice
        call_command("db_worker", "--batch", "--no-startup-delay")
        call_command("db_worker", "--batch", "--no-startup-delay")  # a restarted worker
    assert _titles(application.task.mentor) == ["An application has waited 8 days"]


def test_preferences_turn_nudges_off_and_snoozing_delays_one(client_for):
    application = ApplicationFactory()
    mentor = application.task.mentor
    notification_preferences_update(user=mentor, nudges=False)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        _run()
    assert _titles(mentor) == []

    other = ApplicationFactory(task=TaskFactory(mentor=mentor))
    notification_preferences_update(user=mentor, nudges=True)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        nudges_plan()
        [nudge] = Nudge.objects.filter(application=other)
        snoozed = client_for(mentor).post(f"/api/v1/nudges/{nudge.pk}/snooze/", {"days": 3})
        assert snoozed.status_code == 200
        nudges_send_due()
    assert _titles(mentor) == []
    with time_machine.travel(timezone.now() + timedelta(days=11, hours=1)):
        nudges_send_due()
    assert _titles(mentor) == ["An application has waited 11 days"]


def test_at_most_three_nudges_a_day_reach_one_person():
    mentor = TaskFactory().mentor
    for _ in range(5):
        ApplicationFactory(task=TaskFactory(mentor=mentor))
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        result = _run()
    assert (result["sent"], result["held"]) == (3, 2)
    with time_machine.travel(timezone.now() + timedelta(days=9, hours=1)):
        nudges_send_due()
    assert len(_titles(mentor)) == 5


def test_nudges_of_someone_else_cannot_be_snoozed(client_for):
    application = ApplicationFactory()
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        nudges_plan()
    nudge = Nudge.objects.get()
    response = client_for(application.drafter).post(
        f"/api/v1/nudges/{nudge.pk}/snooze/", {"days": 2}
    )
    assert response.status_code == 404
    assert mail.outbox == []


def test_a_drafter_with_two_completed_drafts_is_invited_once_to_pay_it_forward():
    drafter = EngagementFactory(
        state=Engagement.State.COMPLETED, completed_at=timezone.now()
    ).drafter
    _run()
    assert _titles(drafter) == []
    EngagementFactory(
        state=Engagement.State.COMPLETED, completed_at=timezone.now(), application__drafter=drafter
    )
    _run()
    _run()
    assert _titles(drafter) == ["You have completed 2 drafts — pay it forward?"]
