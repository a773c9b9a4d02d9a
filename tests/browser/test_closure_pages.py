"""The closure guarantee in Chromium: a drafter's application closed after 14 days says so (never
as the mentor's note) with three tasks that fit; a mentor declines in one click from the day-7
reminder's link, keyboard only; levels show on the task page. axe-clean, fits a phone."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from accounts.models import UserSkill
from projects.models import Application, Task
from projects.services.closure import applications_close_due
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in
from tests.factories import (
    ApplicationFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
    UserSkillFactory,
)


def test_a_drafter_sees_the_automatic_close_and_three_tasks_that_fit(page):
    python = SkillFactory(name="Python")
    drafter = UserFactory(finish__display_name="Sam Drafter")
    UserSkillFactory(user=drafter, skill=python, level=UserSkill.Level.WORKING)
    application = ApplicationFactory(
        drafter=drafter, task=TaskFactory(title="Fix our scraper", skills=[python])
    )
    for n in range(3):
        TaskFactory(title=f"Python task {n}", skills=[python], level=Task.Level.BEGINNER_FRIENDLY)
    with time_machine.travel(timezone.now() + timedelta(days=15), tick=False):
        applications_close_due(now=timezone.now())

    log_in(page, drafter)
    page.goto(page.base + f"/applications/{application.pk}/")
    page.get_by_role(
        "heading", name="Closed automatically after 14 days without an answer"
    ).wait_for()
    panel = page.locator(".closure-panel")
    assert "Here are 3 tasks that fit you" in panel.inner_text()
    assert panel.get_by_role("link").count() == 3
    assert page.get_by_text("Note from the mentor").count() == 0
    assert_accessible(page)
    assert_fits_width(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    panel.get_by_role("link").first.click()
    page.locator("[data-task-state]").get_by_text("Beginner-friendly").wait_for()
    assert_accessible(page)


def test_a_mentor_declines_in_one_click_from_the_reminder_link(page):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    application = ApplicationFactory(task=TaskFactory(mentor=mentor, title="Survey clean-up"))

    log_in(page, mentor)
    page.goto(page.base + f"/applications/{application.pk}/?decline=no_capacity#decline")
    page.get_by_role("heading", name="Decline in one click, with a reason").wait_for()
    focused = page.locator(":focus")
    focused.wait_for()
    assert focused.inner_text() == "No time to take anyone on now"
    assert_accessible(page)
    page.keyboard.press("Enter")
    page.get_by_text("Reason: No time to take anyone on now").wait_for()
    application.refresh_from_db()
    assert (application.state, application.decline_reason) == (
        Application.State.DECLINED,
        "no_capacity",
    )
    assert_accessible(page)
