"""A first-time mentor's last findings: the home page speaks to a visiting professional (cost,
who drafters are, time, a way to post), an offer shows the drafter who sent it, /welcome/ after
setup says "You're set up" instead of starting over, and a task made from an accepted offer says
what it is on the dashboard; at 1280 and 390 px, axe-clean."""

import datetime
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile, UserSkill
from projects.models import Engagement
from projects.offers.models import OfferSettings
from projects.offers.services.acceptance import offer_accept
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.conftest import assert_fits_width
from tests.browser.first_use import PHONE, WIDE, checked_at_both_widths, log_in, person
from tests.factories import (
    EngagementFactory,
    PortfolioItemFactory,
    SkillFactory,
    UserSkillFactory,
)

SHOTS = Path("/tmp/m")


@pytest.fixture(autouse=True)
def _fee(settings):
    # Not the default 10: the home page must say the configured fee, not a copy of it.
    settings.PLATFORM_FEE_PERCENT = 12.5


def _offer(mentor, drafter, *, title="Tidy your interview notes into a findings table"):
    offer_settings_update(mentor=mentor, data={"is_open": True})
    item = PortfolioItemFactory(
        owner=drafter, title="Survey redesign case study", link="https://example.org/survey"
    )
    return offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title=title,
        what="I will turn the twelve interview notes you mentioned into one findings table "
        "with quotes, in your template, and flag the three strongest themes.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),  # after the answer window
        portfolio_item_ids=[item.pk],
    )


# --- 1. The home page, for a visiting mentor ---------------------------------------------------


def test_the_home_page_tells_a_visiting_mentor_the_cost_the_drafters_and_the_time(page):
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/")

    section = page.get_by_role("region", name="For mentors")
    expect(section).to_contain_text("Posting a task is free")
    expect(section).to_contain_text("platform fee of 12.5%")  # the configured fee, read live
    expect(section).to_contain_text("comes out of the stipend")
    expect(section).to_contain_text("verified e-mail address")
    expect(section).to_contain_text("work samples")
    expect(section).to_contain_text("size each task in hours")
    expect(section).to_contain_text("answered or closed within 14 days")
    post = section.get_by_role("link", name="Post a task")
    expect(post).to_have_attribute("href", re.compile(r"/accounts/signup/\?role=mentor$"))
    checked_at_both_widths(page, SHOTS, "home")

    post.click()
    page.wait_for_url("**/accounts/signup/?role=mentor")


def test_a_signed_in_mentor_posts_straight_from_the_home_page(page):
    log_in(page, person("Maya Mentor", draft=False, mentor=True))
    page.goto(page.base + "/")

    post = page.get_by_role("region", name="For mentors").get_by_role("link", name="Post a task")
    expect(post).to_have_attribute("href", "/tasks/new/")


# --- 2. The offer page shows who sent it -------------------------------------------------------


def test_the_mentor_sees_a_card_of_the_drafter_who_sent_the_offer(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    Profile.objects.filter(user=drafter).update(headline="Research assistant, MSc psychology")
    UserSkillFactory(user=drafter, skill=SkillFactory(name="User interviews"))
    UserSkillFactory(
        user=drafter, skill=SkillFactory(name="Affinity mapping"), level=UserSkill.Level.LEARNING
    )
    for _ in range(2):
        EngagementFactory(application__drafter=drafter, state=Engagement.State.COMPLETED)
    offer = _offer(mentor, drafter)
    log_in(page, mentor)

    page.set_viewport_size(WIDE)
    page.goto(page.base + f"/offers/{offer.pk}/")

    card = page.get_by_role("region", name="Sam Drafter")
    expect(card).to_contain_text("Research assistant, MSc psychology")
    expect(card).to_contain_text("2 verified experiences on Slipstream")
    expect(card).to_contain_text("User interviews")
    expect(card).to_contain_text("Affinity mapping (learning)")
    expect(card.locator(".avatar-initials")).to_have_text("SD")
    evidence = card.get_by_role("link", name="Survey redesign case study")
    expect(evidence).to_have_attribute("href", "https://example.org/survey")
    profile = card.get_by_role("link", name="See Sam Drafter\u2019s profile")
    expect(profile).to_have_attribute("href", f"/u/{drafter.profile.handle}/")
    expect(page.locator("main")).not_to_contain_text(drafter.email)
    checked_at_both_widths(page, SHOTS, "offer-drafter-card")


def test_the_drafter_does_not_see_a_card_of_themselves(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    offer = _offer(mentor, drafter)
    log_in(page, drafter)

    page.goto(page.base + f"/offers/{offer.pk}/")

    expect(page.get_by_role("heading", name="Work attached")).to_be_visible()
    expect(page.locator(".drafter-card")).to_have_count(0)


# --- 3. /welcome/ after setup ------------------------------------------------------------------


def test_a_mentor_back_on_welcome_is_told_they_are_set_up_and_can_redo_one_step(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    log_in(page, mentor)

    page.set_viewport_size(WIDE)
    page.goto(page.base + "/welcome/")

    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("You\u2019re set up")
    expect(page.get_by_text("Step 1 of")).to_be_hidden()
    expect(main.get_by_role("link", name="Go to your dashboard")).to_have_attribute(
        "href", "/dashboard/"
    )
    expect(main.get_by_role("link", name="Post a task")).to_have_attribute("href", "/tasks/new/")
    expect(main.get_by_role("link", name="Profile settings")).to_have_attribute(
        "href", "/settings/"
    )
    expect(main.get_by_role("link", name="Browse tasks", exact=True)).to_have_count(0)
    # A mentor who does not draft has no first-piece-of-work step to redo, but has offers.
    expect(page.get_by_role("button", name="Offers from drafters")).to_be_visible()
    expect(page.get_by_role("button", name="First piece of work")).to_be_hidden()
    checked_at_both_widths(page, SHOTS, "welcome-set-up-mentor")

    page.get_by_role("button", name="Offers from drafters").click()
    expect(page.get_by_role("heading", name="Offers from drafters")).to_be_focused()
    page.get_by_label("Yes, drafters may offer me help").check()
    page.get_by_role("button", name="Save and finish").click()

    expect(page.get_by_role("heading", name="Where to next")).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    assert OfferSettings.objects.get(mentor=mentor).is_open
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("You\u2019re set up")


def test_a_drafter_who_skipped_setup_comes_back_to_you_are_set_up(page):
    drafter = person("Sam Drafter", onboarded=False)
    log_in(page, drafter)

    page.set_viewport_size(WIDE)
    page.goto(page.base + "/welcome/")
    expect(page.get_by_text("Step 1 of 3: About you")).to_be_visible()
    page.get_by_role("button", name="Skip setup for now").click()
    expect(page.get_by_role("heading", name="Setup skipped")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Slipstream")
    expect(page.get_by_text("Step 1 of 3: About you")).to_be_hidden()

    page.goto(page.base + "/welcome/")

    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("You\u2019re set up")
    expect(main.get_by_role("link", name="Browse tasks", exact=True)).to_have_attribute(
        "href", "/tasks/"
    )
    expect(main.get_by_role("link", name="Post a task")).to_have_count(0)
    expect(page.get_by_role("button", name="First piece of work")).to_be_visible()
    expect(page.get_by_role("button", name="Offers from drafters")).to_be_hidden()
    checked_at_both_widths(page, SHOTS, "welcome-set-up-drafter")

    # Going through one step again, then skipping it, returns to the set-up view unchanged.
    page.get_by_role("button", name="Skills").click()
    expect(page.get_by_role("heading", name="Your skills")).to_be_focused()
    page.get_by_role("button", name="Skip this step").filter(visible=True).click()
    expect(page.get_by_role("heading", name="Where to next")).to_be_focused()
    expect(page.get_by_text("Saved.", exact=True)).to_be_hidden()


# --- 4. A task made from an accepted offer, on the dashboard -----------------------------------


def test_a_task_from_an_accepted_offer_says_where_it_came_from_on_the_dashboard(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    offer = offer_accept(offer_id=_offer(mentor, drafter).pk, mentor=mentor)
    log_in(page, mentor)

    page.set_viewport_size(WIDE)
    page.goto(page.base + "/dashboard/")

    tasks = page.locator("[data-tasks]")
    row = tasks.locator("li").filter(has_text="Tidy your interview notes")
    expect(row).to_contain_text("Private")
    expect(row).to_contain_text("from Sam Drafter\u2019s offer")
    expect(row).to_contain_text("In progress")
    expect(row).not_to_contain_text("application")
    expect(row).not_to_contain_text("Closed")
    link = row.get_by_role("link", name="Open the engagement with Sam Drafter")
    expect(link).to_have_attribute("href", f"/engagements/{offer.engagement_id}/")
    checked_at_both_widths(page, SHOTS, "dashboard-offer-task")


def test_the_page_of_a_task_from_an_accepted_offer_says_private_not_closed(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    offer = offer_accept(offer_id=_offer(mentor, drafter).pk, mentor=mentor)
    log_in(page, mentor)

    page.set_viewport_size(WIDE)
    page.goto(page.base + f"/tasks/{offer.task_id}/")

    state = page.locator("[data-task-state]")
    expect(state).to_contain_text("Private")
    expect(state).not_to_contain_text("Closed")
    meta = page.locator("[data-task-meta]")
    expect(meta).to_contain_text("From an accepted offer")
    expect(meta).not_to_contain_text("applicant")
    expect(meta).not_to_contain_text("No places open")
    expect(page.get_by_text("for the offered work")).to_be_visible()
    expect(page.get_by_text("on your profile")).to_have_count(0)
    checked_at_both_widths(page, SHOTS, "task-from-offer")


# --- 5. Found walking the journey at 390 px ----------------------------------------------------


def test_a_long_unconfirmed_address_does_not_widen_a_phone_page(page):
    mentor = person("Wanda Walker", draft=False, mentor=True, onboarded=False)
    mentor.email = "wanda.walker.research.lead1796621855@example.org"
    mentor.save(update_fields=["email"])
    EmailAddress.objects.filter(user=mentor).update(email=mentor.email, verified=False)
    log_in(page, mentor)
    page.set_viewport_size({"width": PHONE, "height": 844})

    for path in ("/welcome/", "/accounts/confirm-email/"):
        page.goto(page.base + path)
        expect(page.get_by_text(mentor.email).first).to_be_visible()
        assert_fits_width(page, PHONE)
