"""/offers/ opens where its reader's offers are and speaks to that reader: a mentor who does
not draft lands on the offers drafters sent them, a drafter on the offers they sent, each without
tabs for the side they are not on; at 1280 and 390 px."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from accounts.services.profiles import profile_update
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import UserFactory

TITLE = "Tidy your interview notes into a findings table"


def _person(name: str, *, drafts: bool, mentors: bool):
    user = UserFactory(finish__display_name=name)
    profile_update(
        user=user,
        data={"wants_to_draft": drafts, "wants_to_mentor": mentors, "onboarding_completed": True},
    )
    return user


def _check_both_widths(page):
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_fits_width(page, 390)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_offers_open_on_received_for_a_mentor_and_on_sent_for_a_drafter(page):
    mentor = _person("Maya Mentor", drafts=False, mentors=True)
    drafter = _person("Sam Drafter", drafts=True, mentors=False)
    offer_settings_update(mentor=mentor, data={"is_open": True})
    offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title=TITLE,
        what="I will turn your twelve interview notes into one findings table.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        work_sample_link="https://example.org/sample",
    )
    page.set_viewport_size({"width": 1280, "height": 900})

    # The mentor: received, in a mentor's words.
    log_in(page, mentor)
    page.goto(page.base + "/offers/")
    page.get_by_role("link", name=TITLE).wait_for()
    # Only one side is theirs: no tabs to choose between.
    expect(page.get_by_role("navigation", name="Offers")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Offers drafters sent you: small, specific")
    expect(page.get_by_role("list", name="Offers drafters sent you")).to_contain_text(
        "From Sam Drafter"
    )
    expect(page.get_by_text("Waiting for your answer")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="Your offer settings")).to_be_visible()
    assert "Offers you sent to mentors" not in page.locator("main").inner_text()
    _check_both_widths(page)
    log_out(page)

    # The drafter: sent, in a drafter's words.
    log_in(page, drafter)
    page.goto(page.base + "/offers/")
    page.get_by_role("link", name=TITLE).wait_for()
    expect(page.get_by_role("navigation", name="Offers")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Offers you sent to mentors")
    expect(page.get_by_role("list", name="Offers you sent")).to_contain_text("To Maya Mentor")
    expect(page.get_by_text("Waiting for Maya Mentor\u2019s answer")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="Mentors open to offers")).to_be_visible()
    assert "Offers drafters sent you:" not in page.locator("main").inner_text()
    _check_both_widths(page)

    # A link to the other box still opens it.
    page.goto(page.base + "/offers/?box=received")
    expect(page.locator("main")).to_contain_text("No drafter has sent you an offer yet")
