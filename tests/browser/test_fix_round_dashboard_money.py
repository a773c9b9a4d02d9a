"""After the first-use walks (issue 22), in Chromium at 1280 and 390 px: a mentor's next steps
ask them to answer a pending offer and fund a stipend, each once; they reach the invitations they
sent from the dashboard and from the task page's confirmation; a new mentor's card says "New on
Slipstream"; a drafter's dashboard lists the offers waiting for an answer and when each closes."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import UserSkill
from accounts.services.profiles import profile_update
from projects.models import Engagement
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
    UserSkillFactory,
)

OFFER = "Tidy your interview notes into a findings table"


def _person(name: str, *, drafts: bool, mentors: bool):
    user = UserFactory(finish__display_name=name)
    profile_update(
        user=user,
        data={"wants_to_draft": drafts, "wants_to_mentor": mentors, "onboarding_completed": True},
    )
    return user


def _both_widths(page, name: str) -> None:
    assert_accessible(page)
    page.screenshot(path=f"/tmp/g1-{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_fits_width(page, 390)
    page.screenshot(path=f"/tmp/g1-{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_next_steps_offers_and_invitations_after_the_walks(page):
    python = SkillFactory(name="Python")
    mentor = _person("Maya Mentor", drafts=False, mentors=True)
    drafter = _person("Sam Rivera", drafts=True, mentors=False)
    UserSkillFactory(user=drafter, skill=python, level=UserSkill.Level.WORKING)
    drafter.profile.discoverable = True
    drafter.profile.save()
    task = TaskFactory(mentor=mentor, title="Fix our Python scraper", skills=[python])
    ApplicationFactory(task=task, drafter=UserFactory(finish__display_name="Ada Applicant"))
    EngagementFactory(
        application__task=TaskFactory(mentor=mentor, title="Clean the sales data"),
        state=Engagement.State.AWAITING_FUNDING,
    )
    offer_settings_update(mentor=mentor, data={"is_open": True})
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title=OFFER,
        what="I will turn your twelve interview notes into one findings table.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        work_sample_link="https://example.org/sample",
    )
    closes = timezone.localtime(offer.created_at + datetime.timedelta(days=14))
    closes_text = f"{closes.day} {closes:%b %Y}"
    page.set_viewport_size({"width": 1280, "height": 900})

    # The mentor's next steps: one line per thing to do, none twice.
    log_in(page, mentor)
    page.goto(page.base + "/dashboard/")
    steps = page.locator("[data-next-list]")
    expect(
        steps.get_by_role("link", name=f"Answer Sam Rivera's offer by {closes_text}.")
    ).to_be_visible()
    expect(
        steps.get_by_role("link", name="Fund the stipend for “Clean the sales data”.")
    ).to_be_visible()
    expect(steps).to_contain_text("Review Ada Applicant's application to “Fix our Python scraper”.")
    expect(steps.get_by_text("Review 1 application", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Invitations you sent")).to_be_visible()
    _both_widths(page, "mentor-dashboard")

    # The task page: a new mentor, an invitation, and the way to the invitations sent.
    page.goto(page.base + f"/tasks/{task.pk}/")
    page.get_by_role("heading", name="Recommended drafters").wait_for()
    expect(page.get_by_role("list", name="About Maya Mentor")).to_contain_text("New on Slipstream")
    expect(page.locator("main")).not_to_contain_text("0 drafts completed")
    page.get_by_role("button", name="Invite Sam Rivera").click()
    page.get_by_text("Invitation sent to Sam Rivera").wait_for()
    _both_widths(page, "task-invited")
    page.get_by_role("link", name="See the invitations you sent.").click()
    page.wait_for_url("**/invitations/")
    expect(page.locator("main")).to_contain_text("Fix our Python scraper")
    log_out(page)

    # The drafter: the offer waits for an answer, and says when it closes by itself.
    log_in(page, drafter)
    page.goto(page.base + "/dashboard/")
    waiting = page.locator("[data-drafter-offers]")
    expect(waiting.get_by_role("link", name=OFFER)).to_be_visible()
    expect(waiting).to_contain_text("Waiting for Maya Mentor\u2019s answer")
    sent = timezone.localtime(offer.created_at)
    expect(waiting).to_contain_text(
        f"· sent {sent.day} {sent:%b %Y} · closes by itself on {closes_text}"
    )
    expect(page.get_by_role("heading", name="Your offers waiting for an answer")).to_be_visible()
    _both_widths(page, "drafter-dashboard")
