"""Fixer F3 of the first-use walks, in real Chromium: an experience page proves itself to a
visitor, circles name families properly and explain why hosting is closed, /for-you/ and
/circles/ stop asking a drafter with skills to add skills, and the institution filter of
browse shows only to someone with an institution."""

from datetime import UTC, datetime

from django.test import Client
from playwright.sync_api import expect

from accounts.services.profiles import profile_update
from projects.models import Engagement
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import (
    EngagementFactory,
    MembershipFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
    UserSkillFactory,
)

WIDTHS = (390, 1280)


def log_in(page, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def _drafter_with_skills_and_hours():
    user = UserFactory(finish__display_name="Sam Drafter")
    UserSkillFactory(user=user, skill=SkillFactory(name="Figma"))
    profile_update(user=user, data={"weekly_hours": 6, "onboarding_completed": True})
    return user


def test_a_visitor_sees_the_experience_checked_and_the_mentor_verified(page):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    profile_update(user=mentor, data={"wants_to_mentor": True})
    mentor.profile.verified_work_domain = "ledgerline.demo"
    mentor.profile.save(update_fields=["verified_work_domain"])
    engagement = EngagementFactory(
        application__task=TaskFactory(title="Survey redesign", mentor=mentor),
        application__drafter=UserFactory(finish__display_name="Sam Drafter"),
        state=Engagement.State.COMPLETED,
        started_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        completed_at=datetime(2026, 12, 7, 14, 5, tzinfo=UTC),
    )

    page.goto(f"{page.base}/experience/{engagement.pk}/")

    main = page.locator("#main")
    expect(main.locator("[data-credential-check]")).to_contain_text("Recorded on Slipstream")
    expect(main.locator("[data-verified-domain]")).to_have_text("✓ Verified at ledgerline.demo")
    expect(main.get_by_role("heading", name="About this record", level=2)).to_be_visible()
    for width in WIDTHS:
        assert_fits_width(page, width)
        page.screenshot(path=f"/tmp/s5f3-experience-{width}.png", full_page=True)
    assert_accessible(page)


def test_circles_name_families_and_explain_why_hosting_is_closed(page):
    drafter = _drafter_with_skills_and_hours()
    EngagementFactory(application__drafter=drafter, state=Engagement.State.COMPLETED)
    log_in(page, drafter)

    page.goto(f"{page.base}/circles/")

    main = page.locator("#main")
    family = main.get_by_label("Skill family").first
    expect(family.locator("option", has_text="JavaScript")).to_have_count(1)
    expect(family.locator("option", has_text="Digital marketing")).to_have_count(1)
    reason = main.locator("[data-host-reason]")
    expect(reason).to_have_text("Hosting takes 2 verified drafts; you have 1.")
    expect(main.get_by_role("button", name="Start the circle")).to_be_disabled()
    expect(main.get_by_label("Name")).to_be_disabled()
    suggested = main.locator("[data-suggested]")
    expect(suggested).to_contain_text("No circle around your skills yet")
    expect(suggested).not_to_contain_text("Add skills")
    # Not "host one", and not a second "no circle" under the suggestion's.
    circles = main.locator("[data-circles]")
    expect(circles).to_have_text("Circles appear here as drafters host them.")
    for width in WIDTHS:
        assert_fits_width(page, width)
        page.screenshot(path=f"/tmp/s5f3-circles-{width}.png", full_page=True)
    assert_accessible(page)


def test_for_you_does_not_ask_for_skills_and_hours_already_given(page):
    log_in(page, _drafter_with_skills_and_hours())

    page.goto(f"{page.base}/for-you/")

    main = page.locator("#main")
    expect(main.locator(".empty-state")).to_be_visible()
    expect(main).not_to_contain_text("Add skills")
    expect(main).not_to_contain_text("add skills")
    expect(main.locator("[data-profile-hint]")).to_be_hidden()


def test_for_you_asks_only_for_what_the_profile_lacks(page):
    user = UserFactory()
    UserSkillFactory(user=user)
    log_in(page, user)

    page.goto(f"{page.base}/for-you/")

    hint = page.locator("[data-profile-hint]")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Add your weekly hours")
    expect(hint).not_to_contain_text("skills")


def test_the_institution_filter_shows_only_to_a_member_of_one(page):
    TaskFactory(state="open")
    page.goto(f"{page.base}/tasks/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Only tasks for my institution")).to_be_hidden()

    log_in(page, UserFactory())
    page.goto(f"{page.base}/tasks/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Only tasks for my institution")).to_be_hidden()

    student = MembershipFactory().user
    log_in(page, student)
    page.goto(f"{page.base}/tasks/")
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.get_by_label("Only tasks for my institution")).to_be_visible()
