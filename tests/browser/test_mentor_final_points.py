"""A new mentor's final points (issues 20, 22): approving "from a date" without a date says so
beside the field before any dialog; the e-mail addresses page has one row per address with its own
actions; the ledger's receipts; the offer page's decline reason; the private task made from an
offer; at 1280 and 390 px."""

import datetime
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Deliverable, Engagement, ThankYouNote
from projects.offers.services.acceptance import offer_accept
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.careers_pages import shoot_both_widths
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import WIDE, ledger_of_funded_stipends, log_in, person
from tests.browser.test_stipend_pages import stripe_live  # noqa: F401 — the Stripe stand-in
from tests.factories import EngagementFactory, PortfolioItemFactory, TaskFactory

SHOTS = Path("/tmp/m2/shots")


def _delivered(mentor, drafter):
    engagement = EngagementFactory(
        application__task=TaskFactory(mentor=mentor, title="Tidy the style guide"),
        application__drafter=drafter,
        state=Engagement.State.DELIVERED,
    )
    Deliverable.objects.create(
        engagement=engagement, submitted_by=drafter, link="https://example.org/w"
    )
    return engagement


def test_approving_from_a_date_without_a_date_says_so_beside_the_field_before_any_dialog(page):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    engagement = _delivered(mentor, person("Sam Rivera"))
    approvals = []
    page.on("request", lambda r: approvals.append(r.url) if "/approve/" in r.url else None)
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/engagements/{engagement.pk}/")

    page.get_by_label("From a date").check()
    page.get_by_role("button", name="Approve the work").click()
    date_field = page.get_by_label("Shown publicly from")
    expect(date_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#a-after-date-error")).to_have_text(
        "Give the date from which the work may be shown (a future date)."
    )
    expect(page.get_by_role("dialog")).to_have_count(0)

    # A past date is caught the same way: the server takes only a date still to come.
    date_field.fill((datetime.date.today() - datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Approve the work").click()
    expect(page.locator("#a-after-date-error")).to_contain_text("That date has come")
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert approvals == []
    shoot_both_widths(page, SHOTS, "approve-date")
    assert_accessible(page)

    date_field.fill((datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Approve the work").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(re.compile("record it as “From a date”"))
    dialog.get_by_role("button", name="Approve").click()
    expect(page.locator("[data-flash]")).to_be_visible()
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.COMPLETED


def test_the_email_page_has_one_row_per_address_with_its_own_actions(page):
    from allauth.account.models import EmailAddress

    mentor = person("Maya Okafor", draft=False, mentor=True)
    primary = mentor.email
    EmailAddress.objects.filter(user=mentor).update(primary=True, verified=True)
    EmailAddress.objects.create(user=mentor, email="maya@acme-design.com", verified=True)
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/accounts/email/")

    # The primary address: its state, no actions at all (no radio, no Remove one click away).
    first = page.locator(f'[data-email-row="{primary}"]')
    expect(first.locator(".badge")).to_have_text(["Primary", "Confirmed"])
    expect(first.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("radio")).to_have_count(0)
    work = page.locator('[data-email-row="maya@acme-design.com"]')
    expect(work.locator("[data-work-email-verdict]")).to_contain_text("acme-design.com")
    expect(work.get_by_role("button", name="Make primary: maya@acme-design.com")).to_be_visible()
    expect(work.get_by_role("button", name="Remove maya@acme-design.com")).to_be_visible()

    # A new address: added, unconfirmed, with "Send the confirmation again" and no Make primary.
    page.get_by_label("E-mail address").fill("maya@gmail.com")
    page.get_by_role("button", name="Add the address").click()
    new = page.locator('[data-email-row="maya@gmail.com"]')
    expect(new.locator(".badge")).to_have_text(["Not confirmed yet"])
    expect(new.get_by_role("button", name=re.compile("^Send the confirmation"))).to_be_visible()
    expect(new.get_by_role("button", name=re.compile("primary"))).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(re.compile(r"\bEmail\b|\bemail\b"))
    shoot_both_widths(page, SHOTS, "email-page")
    assert_accessible(page)

    # Remove asks first, in the site's dialog; Go back keeps the address.
    new.get_by_role("button", name="Remove maya@gmail.com").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Remove maya@gmail.com?")
    dialog.get_by_role("button", name="Go back").click()
    expect(new).to_be_visible()
    new.get_by_role("button", name="Remove maya@gmail.com").click()
    page.get_by_role("dialog").get_by_role("button", name="Remove the address").click()
    expect(page.locator('[data-email-row="maya@gmail.com"]')).to_have_count(0)
    assert not EmailAddress.objects.filter(email="maya@gmail.com").exists()
    assert EmailAddress.objects.get(user=mentor, primary=True).email == primary


def _offer(*, accepted: bool):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    drafter = person("Sam Rivera")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Tidy your interview notes into a findings table",
        what="I will turn the twelve interview notes into one findings table with quotes.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        portfolio_item_ids=[PortfolioItemFactory(owner=drafter).pk],
    )
    if accepted:
        offer_accept(offer_id=offer.pk, mentor=mentor)
    offer.refresh_from_db()
    return offer


def test_declining_an_offer_has_no_preselected_reason_and_asks_for_one(page):
    offer = _offer(accepted=False)
    declines = []
    page.on("request", lambda r: declines.append(r.url) if "/decline/" in r.url else None)
    log_in(page, offer.mentor)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/offers/{offer.pk}/")

    reasons = page.get_by_role("group", name="Why not this time?").get_by_role("radio")
    expect(reasons.first).to_be_visible()
    for index in range(reasons.count()):
        expect(reasons.nth(index)).not_to_be_checked()
    page.get_by_role("button", name="Decline offer").click()
    expect(page.get_by_text("Choose the reason they will read.")).to_be_visible()
    assert declines == []
    shoot_both_widths(page, SHOTS, "offer-decline")
    assert_accessible(page)

    page.get_by_label("Not a fit for my work right now").check()
    page.get_by_role("button", name="Decline offer").click()
    expect(page.get_by_text("Offer declined.")).to_be_visible()
    offer.refresh_from_db()
    assert offer.state == "declined"


def test_the_private_task_of_an_accepted_offer_speaks_to_its_owner_and_marks_no_nav_item(page):
    offer = _offer(accepted=True)
    log_in(page, offer.mentor)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/tasks/{offer.task_id}/")

    expect(page.locator(".mentor-card-name")).to_have_text("You accepted Sam Rivera\u2019s offer")
    expect(page.get_by_role("link", name="Browse tasks")).not_to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator(".site-nav [aria-current]")).to_have_count(0)
    shoot_both_widths(page, SHOTS, "offer-task-owner")

    log_in(page, offer.drafter)
    page.goto(f"{page.base}/tasks/{offer.task_id}/")
    expect(page.locator(".mentor-card-name")).to_have_text("Offer accepted by Maya Okafor")


def test_each_ledger_entry_names_its_task_once_and_links_its_own_receipt(
    page,
    stripe_live,  # noqa: F811
):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    ledger_of_funded_stipends(
        page, stripe_live, mentor, [("Index the archive", 8_100)], drafter=person("Sam Rivera")
    )

    entry = page.locator("[data-ledger-entry]")
    expect(entry).to_have_count(1)
    expect(entry.locator(".ledger-description")).to_have_text("Stipend for “Index the archive”")
    assert entry.inner_text().count("Index the archive") == 1
    link = entry.locator("[data-receipt-link]")
    expect(link).to_have_text(re.compile(r"^Receipt SLP-\d{4}-[0-9A-Z]{8}$"))
    reference = link.inner_text().removeprefix("Receipt ")
    shoot_both_widths(page, SHOTS, "ledger-receipts")
    assert_accessible(page)

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Receipt {reference}")
    expect(page.locator("main")).to_contain_text("Slipstream, held for Sam Rivera until approval")
    expect(page.locator("[data-receipt-amount]")).to_have_text("81.00 USD")
    shoot_both_widths(page, SHOTS, "receipt")
    assert_accessible(page)


def test_the_impact_page_quotes_a_thanks_in_quotation_marks_without_an_indent(page):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    sam = person("Sam Rivera")
    draft = EngagementFactory(
        application__task=TaskFactory(mentor=mentor, title="Interview notes into findings"),
        application__drafter=sam,
        state=Engagement.State.COMPLETED,
        completed_at=timezone.now(),
    )
    ThankYouNote.objects.create(
        engagement=draft, sender=sam, receiver=mentor, body="Thank you for the clear notes!"
    )
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/impact/")

    quote = page.locator("[data-thanks] blockquote")
    expect(quote).to_have_text("“Thank you for the clear notes!”")
    card = page.locator("[data-thanks] li").first
    indent = quote.bounding_box()["x"] - card.bounding_box()["x"]
    padding = card.evaluate("node => parseFloat(getComputedStyle(node).paddingLeft)")
    assert indent <= padding + 20  # the card's padding and the quote's rule, no browser indent
    shoot_both_widths(page, SHOTS, "impact-thanks")


def test_recommended_drafters_follow_applications_without_a_large_gap(page):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    task = TaskFactory(mentor=mentor, title="Tidy the style guide")
    log_in(page, mentor)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base}/tasks/{task.pk}/")
        applications = page.locator("[data-mentor-panel]")
        recommended = page.get_by_role("heading", name="Recommended drafters")
        expect(applications).to_be_visible()
        expect(recommended).to_be_visible()
        gap = recommended.bounding_box()["y"] - (
            applications.bounding_box()["y"] + applications.bounding_box()["height"]
        )
        assert gap <= 56, f"{gap}px between Applications and Recommended drafters at {width}px"


def test_a_mentor_who_answered_offers_is_not_called_new_to_offers(page):
    offer = _offer(accepted=True)  # Maya has answered one offer: too few for a rate
    log_in(page, offer.drafter)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/mentors/")

    card = page.locator("li").filter(has_text="Maya Okafor").first
    expect(card).to_contain_text("Too few recent answers for a reply rate yet")
    expect(page.locator("main")).not_to_contain_text("New to offers")
