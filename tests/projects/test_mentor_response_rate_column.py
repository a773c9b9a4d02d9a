"""The mentor's response rate is stored (MentorResponseRate) and read by browse's statement: the
stored figure must equal the recomputation (projects/response_rates.py) after every kind of
answer, in the same transaction, and as the window slides."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from projects.models import Application, MentorResponseRate, Task
from projects.response_rates import (
    mentor_response_rates,
    mentor_response_rates_fill,
    mentor_response_rates_refresh_due,
)
from projects.services.applications import (
    application_accept,
    application_decline,
    application_shortlist,
    application_withdraw,
)
from projects.services.closure import application_decline_with_reason, applications_close_due
from projects.services.tasks import task_cancel, task_create
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _stored(mentor_id: int) -> tuple:
    row = MentorResponseRate.objects.get(mentor_id=mentor_id)
    return row.response_rate, row.median_reply_hours, row.applications, row.answered


def _recomputed(mentor_id: int) -> tuple:
    figures = mentor_response_rates(mentor_ids={mentor_id}, now=timezone.now())[mentor_id]
    return (
        figures["response_rate"],
        figures["median_reply_hours"],
        figures["applications"],
        figures["answered"],
    )


def _task_with_applications(count: int, *, slots: int = 10) -> tuple[Task, list[Application]]:
    """An open task with `count` applications made now."""
    task = TaskFactory(slots=slots)
    return task, [ApplicationFactory(task=task) for _ in range(count)]


def test_each_answer_stores_the_figure_the_recomputation_gives():
    task, applications = _task_with_applications(9)
    mentor = task.mentor
    first, second, third, fourth, fifth, sixth, seventh, eighth, ninth = applications
    answers = [
        lambda: application_decline(application_id=first.pk, mentor=mentor),
        lambda: application_shortlist(application_id=second.pk, mentor=mentor),
        lambda: application_accept(application_id=second.pk, mentor=mentor),
        lambda: application_decline_with_reason(
            application_id=third.pk, mentor=mentor, reason=Application.DeclineReason.NOT_A_FIT
        ),
        lambda: application_withdraw(application_id=fourth.pk, drafter=fourth.drafter),
        lambda: application_decline(application_id=fifth.pk, mentor=mentor),
        lambda: application_accept(application_id=sixth.pk, mentor=mentor),
        lambda: application_shortlist(application_id=seventh.pk, mentor=mentor),
    ]
    seen = set()
    start = timezone.now()
    for hours, answer in enumerate(answers, start=1):
        # Answered within the 14 days, four hours apart: the median moves too.
        with time_machine.travel(start + timedelta(hours=4 * hours)):
            answer()
            assert _stored(mentor.pk) == _recomputed(mentor.pk)
            seen.add(_stored(mentor.pk))
    assert len(seen) > 3  # the answers really moved the figure

    # Day 15: what nobody answered is closed automatically, and counts against the mentor.
    with time_machine.travel(start + timedelta(days=16)):
        before = _stored(mentor.pk)
        assert applications_close_due() == 3  # seventh (shortlisted), eighth, ninth
        assert _stored(mentor.pk) == _recomputed(mentor.pk) != before
    assert {eighth.pk, ninth.pk} <= set(
        Application.objects.filter(closed_automatically=True).values_list("pk", flat=True)
    )


def test_answers_within_the_fourteen_days_show_on_the_cards_as_stored(api_client):
    task, applications = _task_with_applications(6)
    start = timezone.now()
    for hours, application in enumerate(applications[:5], start=1):
        with time_machine.travel(start + timedelta(hours=2 * hours)):
            application_decline(application_id=application.pk, mentor=task.mentor)
    with time_machine.travel(start + timedelta(days=20)):
        applications_close_due()  # the sixth, never answered
        cards = {row["id"]: row for row in api_client.get("/api/v1/tasks/").json()["results"]}
        assert _stored(task.mentor_id) == _recomputed(task.mentor_id)
    assert cards[task.pk]["mentor_response_rate"] == 0.83  # five of six
    assert cards[task.pk]["mentor_median_reply_hours"] == 6  # after 2, 4, 6, 8 and 10 hours


def test_a_cancelled_or_filled_task_declines_its_applicants_and_stores_the_figure():
    task, applications = _task_with_applications(4, slots=1)
    later = timezone.now() + timedelta(days=15)
    with time_machine.travel(later):
        application_accept(application_id=applications[0].pk, mentor=task.mentor)
        # The task is full: the other three were declined in the same transaction.
        assert _stored(task.mentor_id) == _recomputed(task.mentor_id)
        assert _stored(task.mentor_id)[2] == 4
    other, _ = _task_with_applications(2)
    with time_machine.travel(later):
        task_cancel(task_id=other.pk, mentor=other.mentor)
        assert _stored(other.mentor_id) == _recomputed(other.mentor_id)
        assert _stored(other.mentor_id)[2] == 2


def test_a_new_task_pushes_the_oldest_out_of_the_figure():
    mentor = UserFactory()
    oldest, applications = _task_with_applications(5)
    Task.objects.filter(pk=oldest.pk).update(mentor=mentor)
    for application in applications:
        application_decline(application_id=application.pk, mentor=mentor)
    for _ in range(19):
        TaskFactory(mentor=mentor)
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert _stored(mentor.pk)[2] == 5
        task_create(
            mentor=mentor,
            data={
                "title": "One more",
                "description": "More.",
                "what_you_gain": "A reference.",
                "estimated_hours": 4,
            },
        )
        assert _stored(mentor.pk) == _recomputed(mentor.pk)
        assert _stored(mentor.pk)[2] == 0  # the oldest task is the twenty-first now


def test_the_hourly_run_recomputes_figures_a_day_old_as_the_window_slides():
    task, applications = _task_with_applications(5)
    for application in applications:
        application_decline(application_id=application.pk, mentor=task.mentor)
    assert _stored(task.mentor_id)[2] == 5
    with time_machine.travel(timezone.now() + timedelta(hours=12)):
        assert mentor_response_rates_refresh_due() == 0  # fresh enough
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert mentor_response_rates_refresh_due() == 1
        assert _stored(task.mentor_id) == _recomputed(task.mentor_id) == (None, None, 0, 0)
        assert mentor_response_rates_refresh_due() == 0  # counting none, nothing moves it


def test_the_fill_stores_every_mentor_with_applications_in_the_window():
    task, applications = _task_with_applications(5)
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        state=Application.State.DECLINED
    )
    MentorResponseRate.objects.all().delete()
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert mentor_response_rates_fill() == 1
        assert _stored(task.mentor_id) == _recomputed(task.mentor_id)
        assert _stored(task.mentor_id)[0] == 1.0
