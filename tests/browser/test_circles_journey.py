"""Peer critique circles in Chromium, from the keyboard: a host starts a circle; a drafter finds
it suggested by their skills and joins; with four members the drafter asks for critique on a
portfolio item; another member critiques it; the drafter marks it helpful and reports nothing
kind; the host removes a member. And a mentor's /impact/ page. axe-clean on every page, with
screenshots at 1280 and 390 px in test-artifacts/screens/."""

import datetime
import re
from pathlib import Path

from playwright.sync_api import expect

from projects.circles.models import CritiqueBalance, CritiqueReport
from projects.circles.services.circles import circle_join
from projects.models import Engagement, ThankYouNote
from projects.services.report_back import report_back_create
from tests.browser.conftest import assert_accessible, assert_fits_width, confirm
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import (
    EngagementFactory,
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
    UserSkillFactory,
    verified_drafter,
)

SCREENS = Path("test-artifacts/screens")


def shoot(page, name: str) -> None:
    """The page as it is now, at a desktop and a phone width (then back to desktop)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)  # one layout pass at the new width
        page.screenshot(path=str(SCREENS / f"circles-{name}-{width}.png"), full_page=True)
    assert_fits_width(page, 390)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_circle_journey(page):
    host = verified_drafter(finish__display_name="Hana Host")
    drafter = UserFactory(finish__display_name="Sam Drafter")
    # The family comes with the seeded catalogue; a run that flushed it makes React afresh.
    UserSkillFactory(user=drafter, skill=SkillFactory(name="React", family="javascript"))
    PortfolioItemFactory(owner=drafter, title="Checkout redesign case study")
    critic = UserFactory(finish__display_name="Cleo Critic")
    quiet = UserFactory(finish__display_name="Quinn Quiet")

    # The host starts a circle, by keyboard.
    log_in(page, host)
    page.goto(page.base + "/circles/")
    page.get_by_label("Name").fill("Frontend portfolio crit")
    page.get_by_label("Skill family").last.select_option("javascript")
    page.get_by_label("Who it is for").fill(
        "Drafters building frontend portfolios; one crit a week."
    )
    page.get_by_role("button", name="Start the circle").press("Enter")
    page.wait_for_url(re.compile(r"/circles/\d+/$"))
    page.get_by_role("heading", name="Frontend portfolio crit").wait_for()
    page.get_by_text("Critique opens once the circle has 4 members").wait_for()
    assert_accessible(page)
    shoot(page, "forming")
    circle_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    log_out(page)

    # The drafter finds it suggested by their React skill and joins.
    log_in(page, drafter)
    page.goto(page.base + "/circles/")
    suggested = page.locator("[data-suggested] .circle-card").filter(
        has_text="Frontend portfolio crit"
    )
    suggested.wait_for()
    assert_accessible(page)
    shoot(page, "list")
    suggested.get_by_role("button", name="Join Frontend portfolio crit").press("Enter")
    page.wait_for_url(re.compile(rf"/circles/{circle_id}/$"))
    for member in (critic, quiet):
        circle_join(circle_id=circle_id, user=member)

    # Four members: the drafter asks for critique (1 credit).
    page.reload()
    page.get_by_text("You have 1 credit").wait_for()
    page.get_by_label("Portfolio item").select_option(label="Checkout redesign case study")
    page.get_by_label("What should they look at?").fill("Does the story lead with the result?")
    page.get_by_role("button", name="Ask the circle").press("Enter")
    page.get_by_text("Asked. The circle will see your request.").wait_for()
    expect(page.get_by_text("You have 0 credits")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # Another member critiques it: what works, one change, one resource.
    log_in(page, critic)
    page.goto(page.base + f"/circles/{circle_id}/")
    page.get_by_text("Write a critique").press("Enter")
    page.get_by_label("What works").fill("The before/after screenshots make the problem obvious.")
    page.get_by_label("One thing to change").fill("Put the conversion result in the first line.")
    page.get_by_label("One resource that would help").fill("https://www.nngroup.com/articles/")
    page.get_by_role("button", name="Send critique").press("Enter")
    page.get_by_text("Critique sent. Thank you.").wait_for()
    assert_accessible(page)
    shoot(page, "critique")
    log_out(page)

    # The drafter marks it helpful (the critic earns a credit), and reports nothing else.
    log_in(page, drafter)
    page.goto(page.base + f"/circles/{circle_id}/")
    page.get_by_role("button", name="Mark helpful").press("Enter")
    page.get_by_text("Marked helpful: Cleo Critic earns 1 credit.").wait_for()
    page.get_by_role("button", name="Report").press("Enter")
    confirm(page, "Report", note="Testing the report path.")
    page.get_by_text("Reported. Site staff will look at it.").wait_for()
    assert_accessible(page)
    shoot(page, "helpful")
    log_out(page)
    assert CritiqueBalance.objects.get(user=critic).credits == 2
    assert CritiqueReport.objects.count() == 1

    # The host removes a member.
    log_in(page, host)
    page.goto(page.base + f"/circles/{circle_id}/")
    page.get_by_role("button", name="Remove Quinn Quiet").press("Enter")
    confirm(page, "Remove")
    page.get_by_text("Quinn Quiet was removed.").wait_for()
    expect(page.locator("[data-members]")).not_to_contain_text("Quinn Quiet")
    assert_accessible(page)
    shoot(page, "host")


def test_the_impact_page(page):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    sam = UserFactory(finish__display_name="Sam Drafter")
    lee = UserFactory(finish__display_name="Lee Learner")
    when = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    draft = EngagementFactory(
        application__task=TaskFactory(mentor=mentor, title="Interview notes into findings"),
        application__drafter=sam,
        state=Engagement.State.COMPLETED,
        completed_at=when,
    )
    EngagementFactory(
        application__task=TaskFactory(mentor=sam, title="A survey for a club"),
        application__drafter=lee,
        state=Engagement.State.COMPLETED,
        completed_at=when + datetime.timedelta(days=20),
    )
    report_back_create(
        engagement_id=draft.pk,
        author=sam,
        outcomes=["job_offer"],
        note="The findings table got me an internship interview.",
        share_with_mentor=True,
    )
    ThankYouNote.objects.create(engagement=draft, sender=sam, receiver=mentor, body="Thank you!")

    log_in(page, mentor)
    page.goto(page.base + "/impact/")
    page.get_by_text("You helped Sam Drafter; Sam Drafter has since helped 1 person.").wait_for()
    assert page.get_by_text("The findings table got me an internship interview.").is_visible()
    toggle = page.get_by_label("Show on my public profile")
    toggle.focus()
    page.keyboard.press("Space")
    page.get_by_text("Shown on your profile.").wait_for()
    assert_accessible(page)
    shoot(page, "impact")
    page.goto(page.base + f"/u/{mentor.profile.handle}/")
    page.get_by_text("The people they helped have since helped 1 person.").wait_for()
