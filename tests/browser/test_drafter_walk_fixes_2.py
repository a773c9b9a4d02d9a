"""The drafter walk's second findings (issues 20-22), in Chromium at 1280 and 390 px: the apply
form's "attach work" error is a full-width line under its legend, not squeezed into a checkbox
row; "Skip setup" says setup was skipped; the mentor card on a task keeps a long verified domain
and "Offer other help" inside it; a waiting application or offer names the mentor once."""

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import WIDE, checked_at_both_widths, log_in, person
from tests.factories import ApplicationFactory, PortfolioItemFactory, TaskFactory

SHOTS = Path("/tmp/d3")


def _inside(inner, outer) -> None:
    """`inner`'s box lies within `outer`'s, horizontally (nothing spills past the edge)."""
    a, b = inner.bounding_box(), outer.bounding_box()
    assert a["x"] >= b["x"] - 0.5 and a["x"] + a["width"] <= b["x"] + b["width"] + 0.5, (a, b)


def test_apply_without_work_shows_the_error_full_width_under_the_legend(page):
    mentor = person("Kwame Mensah", draft=False, mentor=True)
    drafter = person("Sam Rivera")
    task = TaskFactory(mentor=mentor, title="Sort the survey answers")
    PortfolioItemFactory(owner=drafter, title="Resident survey clean-up for the housing office")
    PortfolioItemFactory(owner=drafter, title="Usability study")
    page.set_viewport_size(WIDE)
    log_in(page, drafter)
    page.goto(page.base + f"/tasks/{task.pk}/")
    fieldset = page.locator("[data-portfolio-fieldset]")
    expect(fieldset).to_be_visible()
    page.get_by_label("Your note").fill("I cleaned a survey of 2,000 answers; see the study.")

    page.get_by_role("button", name="Send application").click()
    error = fieldset.locator(".field-error")
    expect(error).to_contain_text("Attach at least one portfolio item or a link")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        # The message is the fieldset's, right under its legend: no checkbox row holds it.
        assert fieldset.locator(".check .field-error").count() == 0
        where = error.evaluate("(n) => n.previousElementSibling?.tagName || n.parentNode.outerHTML")
        assert where == "LEGEND", where
        # Each item label keeps the row's full width (not a narrow column beside the error).
        row = fieldset.locator(".check").first
        label = row.locator("label")
        assert label.bounding_box()["width"] > row.bounding_box()["width"] * 0.6
        assert error.bounding_box()["width"] > fieldset.bounding_box()["width"] * 0.8
        assert_accessible(page)
        page.screenshot(path=f"/tmp/d3-apply-error-{width}.png", full_page=True)

    # Ticking an item clears the group's error; sending then works.
    page.get_by_label("Usability study").check()
    expect(fieldset.locator(".field-error")).to_have_count(0)
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url("**/applications/*/?sent=1")


def test_skipping_setup_says_it_was_skipped_not_set_up(page):
    drafter = person("Sam Rivera", onboarded=False)
    page.set_viewport_size(WIDE)
    log_in(page, drafter)
    page.goto(page.base + "/welcome/")
    page.get_by_role("button", name="Skip setup for now").click()

    heading = page.get_by_role("heading", level=2, name="Setup skipped")
    expect(heading).to_have_text(
        "Setup skipped — finish it any time from your dashboard or Settings"
    )
    expect(heading).to_be_focused()
    main = page.locator("#main")
    expect(main).not_to_contain_text("You are set up")
    expect(main).not_to_contain_text("Your profile is ready")
    expect(main).not_to_contain_text("can now find you")
    expect(page.get_by_role("link", name="Go to your dashboard")).to_be_visible()
    checked_at_both_widths(page, SHOTS, "welcome-skipped")


def test_mentor_card_keeps_a_long_domain_and_the_offer_button_inside_at_390(page):
    mentor = person("Kwame Mensah", draft=False, mentor=True)
    mentor.profile.verified_work_domain = "harbourcloud.demo"
    mentor.profile.save(update_fields=["verified_work_domain"])
    offer_settings_update(mentor=mentor, data={"is_open": True})
    drafter = person("Sam Rivera")
    task = TaskFactory(mentor=mentor, title="Label a photo archive")
    task.published_at = timezone.now()
    task.save(update_fields=["published_at"])
    page.set_viewport_size(WIDE)
    log_in(page, drafter)
    page.goto(page.base + f"/tasks/{task.pk}/")
    card = page.locator("[data-task-mentor] .mentor-card")
    offer = card.get_by_role("link", name="Offer other help to Kwame")
    expect(offer).to_be_visible()
    pill = card.locator(".badge-verified")
    expect(pill).to_have_text("✓ Verified at harbourcloud.demo")

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        _inside(pill, card)
        _inside(offer, card)
        assert not pill.evaluate("(n) => n.scrollWidth > n.clientWidth + 1")
    checked_at_both_widths(page, SHOTS, "task-mentor-card")

    # The home page and /mentors/ cards show the whole domain at 1280 too, never "harbourcloud.…".
    for path in ("/", "/mentors/"):
        page.goto(page.base + path)
        pill = page.locator(".badge-verified").first
        expect(pill).to_contain_text("harbourcloud.demo")
        assert not pill.evaluate("(n) => n.scrollWidth > n.clientWidth + 1")


def test_waiting_application_and_offer_name_the_mentor_once(page):
    mentor = person("Hannah Kim", draft=False, mentor=True)
    drafter = person("Sam Rivera")
    application = ApplicationFactory(
        drafter=drafter, task=TaskFactory(mentor=mentor, title="Sort the survey answers")
    )
    sent = timezone.localtime(application.created_at)
    item = PortfolioItemFactory(owner=drafter, title="Usability study")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Tidy your interview notes",
        what="I will turn your twelve interview notes into one findings table.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        portfolio_item_ids=[item.pk],
    )
    page.set_viewport_size(WIDE)
    log_in(page, drafter)
    sent_text = f"· sent {sent.day} {sent:%b %Y}"

    for path in (f"/applications/{application.pk}/", f"/offers/{offer.pk}/"):
        page.goto(page.base + path)
        line = page.locator("#main p").filter(has_text="Waiting for Hannah Kim\u2019s answer")
        expect(line.first).to_contain_text(sent_text)
        expect(line.first).not_to_contain_text("To Hannah Kim")
    checked_at_both_widths(page, SHOTS, "offer-waiting")

    page.goto(page.base + "/dashboard/")
    for rows in ("[data-drafter-applications]", "[data-drafter-offers]"):
        box = page.locator(rows)
        expect(box).to_contain_text("Waiting for Hannah Kim\u2019s answer")
        expect(box).to_contain_text(sent_text)
        expect(box).not_to_contain_text("to Hannah Kim")
