"""Matching in Chromium: a new drafter with Python skills (no portfolio yet) sees the Python task
first on "For you" with its reasons, saves a search, is invited by the mentor from the task
page's recommended drafters, and applies from the invitation. axe-clean on every page."""

import re

from django.utils import timezone

from accounts.models import UserSkill
from projects.models import Engagement
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import (
    EngagementFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
    UserSkillFactory,
)


def test_the_matching_journey(page):
    python = SkillFactory(name="Python")
    mentor = UserFactory(finish__display_name="Maya Mentor")
    task = TaskFactory(
        mentor=mentor, title="Fix our Python scraper", estimated_hours=5, skills=[python]
    )
    TaskFactory(title="Draw a mascot", skills=[SkillFactory(name="Illustration")])
    TaskFactory(title="Plan a bake sale")
    drafter = UserFactory(finish__display_name="Sam Drafter")
    UserSkillFactory(user=drafter, skill=python, level=UserSkill.Level.WORKING)
    drafter.profile.weekly_hours = 6
    drafter.profile.save()

    # For you: the Python task first, with its reasons.
    log_in(page, drafter)
    page.get_by_role("link", name="For you").click()
    page.get_by_text("picked for you").wait_for()
    first = page.locator("[data-recommendations] > li").first
    assert first.get_by_role("heading").inner_text() == "Fix our Python scraper"
    reasons = first.get_by_role("list", name="Why this task").inner_text()
    assert "Matches 1 of your skills: Python" in reasons
    assert "Fits your 6 h/week" in reasons
    assert page.get_by_text("Draw a mascot").count() == 0
    assert_accessible(page)
    assert_fits_width(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Saves a search from the browse page, and becomes discoverable.
    page.goto(page.base + "/tasks/?q=python&remote=true")
    page.get_by_text("Fix our Python scraper").wait_for()
    page.get_by_label("Save this search as").fill("Python gigs")
    page.get_by_role("button", name="Save search").click()
    page.get_by_text("Saved “Python gigs”").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="see your saved searches").click()
    page.get_by_role("link", name="Python gigs").wait_for()
    saved = page.locator("[data-saved-searches]").inner_text().replace("\xa0", " ")
    assert "“python” · remote" in saved
    assert_accessible(page)
    # The switch lives with the profile in /settings/ (issue 22), where people look for it.
    page.goto(page.base + "/settings/#discoverability")
    page.get_by_text("Your profile is").wait_for()
    page.get_by_label("Let mentors find me").check()
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    drafter.profile.refresh_from_db()
    assert drafter.profile.discoverable
    assert_accessible(page)
    log_out(page)

    # The mentor sees Sam among the recommended drafters and invites them.
    log_in(page, mentor)
    page.goto(page.base + f"/tasks/{task.pk}/")
    page.get_by_role("heading", name="Recommended drafters").wait_for()
    assert (
        "Has 1 of the task's skills: Python"
        in page.get_by_role("list", name="Why Sam Drafter").inner_text()
    )
    page.get_by_role("button", name="Invite Sam Drafter").click()
    page.get_by_text("Invitation sent to Sam Drafter").wait_for()
    assert_accessible(page)
    log_out(page)

    # Sam sees the invitation and applies from it.
    log_in(page, drafter)
    page.goto(page.base + "/invitations/")
    page.get_by_role("link", name="Apply to “Fix our Python scraper”").wait_for()
    assert (
        "Matches 1 of your skills: Python" in page.get_by_role("list", name="Why you").inner_text()
    )
    assert_accessible(page)
    page.get_by_role("link", name="Apply to “Fix our Python scraper”").click()
    page.get_by_label("Your note").fill("I fix scrapers for my student society's site.")
    page.get_by_label("Link to a work sample").fill("https://example.org/scraper")
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    page.goto(page.base + "/invitations/")
    page.get_by_role("link", name="You applied — see your application").wait_for()


def test_report_back_shows_on_the_drafters_profile(page):
    engagement = EngagementFactory(
        state=Engagement.State.COMPLETED,
        completed_at=timezone.now(),
        application__drafter=UserFactory(finish__display_name="Ria Drafter"),
    )
    drafter = engagement.drafter

    log_in(page, drafter)
    page.goto(page.base + f"/engagements/{engagement.pk}/report-back/")
    page.get_by_label("An introduction").check()
    page.get_by_label("A few words").fill("Thank you — it led to a coffee with your colleague.")
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Thank you — sent.").wait_for()

    page.goto(page.base + f"/u/{drafter.profile.handle}/")
    page.get_by_text("1 draft led to introductions").wait_for()
    assert_accessible(page)
