"""The mentor part of the welcome wizard: a headline hint written for mentors, a LinkedIn address
typed without https:// accepted, an error on one field that keeps everything else typed, and the
offer settings step (open or not, cap, topics, note), skippable; at 1280 and 390 px."""

import re

from playwright.sync_api import expect

from accounts.models import Profile
from projects.offers.models import OfferSettings
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import DEFAULT_PASSWORD, SkillFactory, UserFactory

WIDE = {"width": 1280, "height": 900}


def _mentor_signs_in(page):
    mentor = UserFactory(email="leo@acme.example")
    Profile.objects.filter(user=mentor).update(wants_to_mentor=True, wants_to_draft=False)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(mentor.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url("**/welcome/")
    page.get_by_text("Step 1 of 3: About you").wait_for()
    return mentor


def _both_widths(page):
    page.set_viewport_size(WIDE)
    assert_accessible(page)
    assert_fits_width(page, 390)
    assert_accessible(page)
    page.set_viewport_size(WIDE)


def test_a_mentor_sets_up_offers_in_the_wizard_and_a_field_error_keeps_the_rest(page):
    SkillFactory(name="Copywriting")
    mentor = _mentor_signs_in(page)
    expect(page.locator("#headline-help")).to_contain_text("drafters read next to your tasks")

    page.get_by_label("Name").fill("Leo Brandt")
    page.get_by_label("Headline").fill("Content lead at Acme")
    page.get_by_label("Organisation").fill("Acme")
    page.get_by_label("Job title").fill("Content lead")
    page.get_by_label("LinkedIn profile").fill("my profile on linkedin")
    page.get_by_role("button", name="Continue").click()

    # The error is on LinkedIn only; everything else typed is still there.
    expect(page.locator("#linkedin_url-error")).to_contain_text("LinkedIn")
    expect(page.get_by_label("Name")).to_have_value("Leo Brandt")
    expect(page.get_by_label("Headline")).to_have_value("Content lead at Acme")
    expect(page.get_by_label("Organisation")).to_have_value("Acme")
    expect(page.get_by_label("Job title")).to_have_value("Content lead")
    _both_widths(page)

    # Typed as copied from the address bar: accepted, stored with https://.
    page.get_by_label("LinkedIn profile").fill("www.linkedin.com/in/leo-brandt")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Step 2 of 3: Skills").wait_for()
    page.get_by_role("button", name="Continue").click()
    # No skills yet: the step says drafters see them, and lets the mentor go on without.
    page.get_by_role("button", name="Continue without skills").click()

    page.get_by_text("Step 3 of 3: Offers from drafters").wait_for()
    step = page.locator("[data-step='4']")
    expect(step).to_contain_text("Nothing starts without your yes")
    expect(page.get_by_label("Not now")).to_be_checked()
    expect(page.get_by_label("Offers a month, at most")).to_be_hidden()
    page.get_by_label("Yes, drafters may offer me help").check()
    page.get_by_label("Offers a month, at most").fill("2")
    page.get_by_label("Topics you welcome offers on").fill("Copywr")
    page.get_by_role("button", name=re.compile("^Copywriting")).click()
    page.get_by_label("A short note to drafters").fill("First drafts of product pages.")
    _both_widths(page)

    # A cap out of range: the error names the cap; the note and topic stay as typed.
    page.get_by_label("Offers a month, at most").fill("12")
    page.get_by_role("button", name="Save and finish").click()
    expect(page.locator("#offers-cap-error")).to_contain_text("10 or fewer")
    expect(page.get_by_label("A short note to drafters")).to_have_value(
        "First drafts of product pages."
    )
    expect(page.get_by_role("list", name="Your offer topics")).to_contain_text("Copywriting")
    page.get_by_label("Offers a month, at most").fill("2")
    page.get_by_role("button", name="Save and finish").click()
    page.get_by_role("heading", name="You are set up").wait_for()

    settings = OfferSettings.objects.get(mentor=mentor)
    assert settings.is_open and settings.monthly_cap == 2
    assert settings.note == "First drafts of product pages."
    assert [skill.name for skill in settings.topics.all()] == ["Copywriting"]
    profile = Profile.objects.get(user=mentor)
    assert profile.linkedin_url == "https://www.linkedin.com/in/leo-brandt"
    assert profile.organisation == "Acme" and profile.job_title == "Content lead"


def test_a_mentor_may_skip_the_offers_step_and_stays_closed_to_offers(page):
    mentor = _mentor_signs_in(page)
    page.get_by_label("Name").fill("Leo Brandt")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Step 2 of 3: Skills").wait_for()
    page.get_by_role("button", name="Skip this step").click()
    page.get_by_text("Step 3 of 3: Offers from drafters").wait_for()
    page.locator("[data-step='4']").get_by_role("button", name="Back").click()
    page.get_by_text("Step 2 of 3: Skills").wait_for()
    page.get_by_role("button", name="Skip this step").click()
    page.locator("[data-step='4']").get_by_role("button", name="Skip this step").click()

    page.get_by_role("heading", name="You are set up").wait_for()
    assert not OfferSettings.objects.filter(mentor=mentor, is_open=True).exists()
