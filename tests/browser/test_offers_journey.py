"""Offers in Chromium, from the keyboard: a mentor opens to offers in settings; a drafter finds
them on /mentors/, sends an offer with evidence through the form that teaches the etiquette;
the mentor accepts it on the offer page; the draft runs to approval. axe-clean on every page,
with screenshots at 1280 and 390 px in test-artifacts/screens/."""

import re
from pathlib import Path

from playwright.sync_api import expect

from accounts.models import Profile
from tests.browser.conftest import assert_accessible, assert_fits_width, confirm
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import PortfolioItemFactory, SkillFactory, UserFactory

SCREENS = Path("test-artifacts/screens")


def shoot(page, name: str) -> None:
    """The page as it is now, at a desktop and a phone width (then back to desktop)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)  # one layout pass at the new width
        page.screenshot(path=str(SCREENS / f"offers-{name}-{width}.png"), full_page=True)
    assert_fits_width(page, 390)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_offer_journey(page):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    # Settings show the offers section to mentors only.
    Profile.objects.filter(user=mentor).update(wants_to_mentor=True)
    drafter = UserFactory(finish__display_name="Sam Drafter")
    SkillFactory(name="User research", slug="user-research")
    PortfolioItemFactory(owner=drafter, title="Listener study for a campus radio show")

    # The mentor opens to offers in settings.
    log_in(page, mentor)
    page.goto(page.base + "/settings/#offers")
    section = page.locator("#offers")
    expect(section.get_by_label("Offers a month")).to_have_value("3")
    section.get_by_label("Take offers from drafters").focus()
    page.keyboard.press("Space")
    expect(section.get_by_label("Take offers from drafters")).to_be_checked()
    section.get_by_label("A note to drafters").fill("Small research tasks welcome: notes, surveys.")
    section.get_by_role("button", name="Save offer settings").press("Enter")
    section.get_by_text("Saved. Drafters can now offer to help you.").wait_for()
    assert_accessible(page)
    section.scroll_into_view_if_needed()
    shoot(page, "settings")
    log_out(page)

    # The drafter finds the mentor and opens the offer form from their card.
    log_in(page, drafter)
    page.goto(page.base + "/mentors/")
    card = page.locator(".offer-mentor-card").filter(has_text="Maya Mentor")
    card.get_by_text("Small research tasks welcome").wait_for()
    assert card.get_by_text("Open to 3 more offers this month").is_visible()
    assert_accessible(page)
    shoot(page, "mentors")
    card.get_by_role("link", name="Offer to help Maya Mentor").press("Enter")
    page.wait_for_url(re.compile(r"/mentors/[\w-]+/offer/$"))
    page.get_by_role("heading", name="May I draft for Maya Mentor?").wait_for()
    assert page.get_by_text("No “pick your brain”.").is_visible()
    assert_accessible(page)
    shoot(page, "form")

    # The form, by keyboard: type, Tab to the next field, Space on the work, Enter to send.
    page.get_by_label("A short title").fill("Tidy your interview notes into a findings table")
    page.keyboard.press("Tab")
    what = page.get_by_label("What you will do")
    expect(what).to_be_focused()
    what.fill("I will turn your twelve interview notes into one findings table with quotes.")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Estimated hours")).to_be_focused()
    page.get_by_label("Estimated hours").fill("12")  # too big: the form says so
    page.get_by_label("Done by").fill("2099-01-15")
    page.get_by_role("button", name="Send offer").press("Enter")
    hours = page.get_by_label("Estimated hours")
    expect(hours).to_be_focused()
    hours.fill("4")
    page.get_by_role("button", name="Send offer").press("Enter")
    page.get_by_text("Attach at least one portfolio item or a link").wait_for()  # no work yet
    work = page.get_by_label("Listener study for a campus radio show")
    expect(work).to_be_focused()
    page.keyboard.press("Space")
    expect(work).to_be_checked()
    page.get_by_role("button", name="Send offer").press("Enter")
    page.wait_for_url(re.compile(r"/offers/\d+/$"))
    offer_url = page.url
    expect(page.get_by_role("status").filter(has_text="Offer sent.")).to_be_focused()
    page.get_by_text(re.compile(r"Waiting for .+\u2019s answer")).first.wait_for()
    page.get_by_role("button", name="Withdraw offer").wait_for()
    assert page.get_by_role("button", name="Accept offer").count() == 0
    assert_accessible(page)
    shoot(page, "sent")
    page.goto(page.base + "/offers/")
    page.get_by_role("link", name="Tidy your interview notes into a findings table").wait_for()
    assert_accessible(page)
    shoot(page, "list-sent")
    log_out(page)

    # The mentor reads it among received offers, asks a question and accepts.
    log_in(page, mentor)
    page.goto(page.base + "/offers/?box=received")
    page.get_by_role("link", name="Tidy your interview notes into a findings table").press("Enter")
    page.wait_for_url(offer_url)
    page.get_by_text("Listener study for a campus radio show").wait_for()  # the work speaks
    page.get_by_label("Write a message").fill("Which template would you use?")
    page.get_by_role("button", name="Send message").press("Enter")
    page.get_by_text("Which template would you use?").last.wait_for()
    assert page.get_by_role("button", name="Withdraw offer").count() == 0
    assert_accessible(page)
    shoot(page, "received")
    page.get_by_role("button", name="Accept offer").press("Enter")
    confirm(page, "Accept offer")
    page.wait_for_url(re.compile(r"/engagements/\d+/$"))
    engagement_url = page.url
    page.get_by_text("In progress").first.wait_for()
    # The timeline says how it began: an offer, not an application.
    expect(page.get_by_text("Offer accepted", exact=True)).to_be_visible()
    assert page.get_by_text("Application accepted").count() == 0
    log_out(page)

    # The drafter delivers; the mentor approves.
    log_in(page, drafter)
    page.goto(engagement_url)
    page.get_by_label("Link to the work").fill("https://example.org/sam/findings")
    page.get_by_role("button", name="Deliver", exact=True).press("Enter")
    expect(page.get_by_role("status").filter(has_text="Work delivered")).to_be_focused()
    log_out(page)

    log_in(page, mentor)
    page.goto(engagement_url)
    page.get_by_role("button", name="Approve the work").press("Enter")
    confirm(page, "Approve")
    page.get_by_role("heading", name="Leave feedback").wait_for()
    expect(page.get_by_role("status").filter(has_text="Work approved")).to_be_focused()
    page.goto(offer_url)
    page.get_by_role("link", name="Open the engagement").wait_for()
    page.get_by_text("Accepted").first.wait_for()
    assert_accessible(page)
    shoot(page, "accepted")

    # Her public profile invites offers while she is open to them.
    log_out(page)
    page.goto(f"{page.base}/u/{mentor.profile.handle}/")
    page.get_by_role("link", name="Offer to help Maya Mentor").wait_for()
    assert_accessible(page)
