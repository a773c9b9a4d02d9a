"""The money path in Chromium, against the Stripe stand-in: fund → (webhook) active → payout
setup → deliver → approve → paid out; and fund → cancel → refunded.

Webhooks travel for real: the stand-in delivers them, signed, to the live server. Deliveries are
held while the browser acts and flushed once the page has settled: that shows the moment between
Checkout's redirect and the webhook, and keeps the live server's in-memory SQLite database (one
writer at a time, no waiting) from seeing a webhook and a page request write at once.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from projects.models import Application, Engagement
from projects.services.applications import application_accept, application_create
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.stipends.models import LedgerEntry, Payout, Stipend
from projects.stipends.services.checkout import engagement_fund_start
from tests.browser.conftest import assert_accessible, assert_fits_width, confirm
from tests.factories import TaskFactory, UserFactory

PLATFORM_SECRET = "whsec_browser_platform"
CONNECT_SECRET = "whsec_browser_connect"


@pytest.fixture
def stripe_live(settings, standin, live_server):
    standin.reset()
    settings.SITE_URL = live_server.url
    settings.PLATFORM_FEE_PERCENT = 10.0
    settings.STRIPE_SECRET_KEY = "sk_test_browser"
    settings.STRIPE_API_BASE = standin.base_url
    settings.STRIPE_WEBHOOK_SECRET = PLATFORM_SECRET
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = CONNECT_SECRET
    standin.add_webhook(f"{live_server.url}/payments/stripe/webhook/", PLATFORM_SECRET)
    standin.add_webhook(
        f"{live_server.url}/payments/stripe/connect-webhook/", CONNECT_SECRET, connect=True
    )
    yield standin
    standin.flush()  # nothing of this test reaches the next one's server


def act_as(page, user) -> None:
    """Switch the browser to `user` (a session cookie, as after a login)."""
    client = Client()
    client.force_login(user)
    # Leave the current page first: its requests still in flight would otherwise arrive
    # signed out (a 401 the page did not expect) or as the next person.
    page.goto("about:blank")
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base}]
    )


def stipend_card(page):
    return page.get_by_role("region", name="Stipend")


def stipend_badge(page, label: str):
    """The stipend card's state badge showing `label`."""
    return stipend_card(page).locator(".badge", has_text=label)


def engagement_page_loaded(page) -> None:
    """Every request of the page's first render has been answered (the thread loads last)."""
    page.locator(".thread li").first.wait_for()


def fund_on_checkout(page, standin) -> None:
    """On the engagement page: press "Fund the stipend" and pay on the stand-in's Checkout."""
    page.get_by_role("button", name="Fund the stipend").click()
    confirm(page, "Continue to payment")
    page.wait_for_url(re.compile(re.escape(standin.base_url) + r"/checkout/cs_"))
    page.get_by_text("125.00 USD").wait_for()
    page.get_by_role("button", name="Pay").click()
    page.wait_for_url(re.compile(r"/engagements/\d+/\?checkout=success$"))
    engagement_page_loaded(page)


def test_paid_task_from_posting_to_payout(page, stripe_live):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    drafter = UserFactory(finish__display_name="Sam Drafter")

    # The mentor posts a paid task in the editor.
    act_as(page, mentor)
    page.goto(page.base + "/tasks/new/")
    page.get_by_label("Title", exact=True).fill("Fact-check a grant proposal")
    page.get_by_label("Description").fill("Check every number in a ten-page proposal.")
    page.get_by_label("Estimated hours").fill("5")
    page.get_by_label("Stipend (optional)").fill("125")
    page.get_by_label("What the helper will gain").fill("A reference from a grant writer.")
    page.get_by_role("button", name="Save and publish").click()
    page.get_by_role("heading", name="Fact-check a grant proposal").wait_for()
    task_url = page.url
    page.get_by_text("$125.00").first.wait_for()

    # The drafter applies on the task page.
    act_as(page, drafter)
    page.goto(task_url)
    page.get_by_label("Your note").fill("I fact-check for a newsroom; see my corrections log.")
    page.get_by_label("Link to a work sample").fill("https://example.org/sam/corrections")
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url(re.compile(r"/applications/\d+/"))

    # The mentor accepts: the engagement waits for the stipend.
    act_as(page, mentor)
    page.goto(task_url)
    page.get_by_role("button", name="Accept Sam Drafter").click()
    confirm(page, "Accept Sam Drafter")
    page.wait_for_url(re.compile(r"/engagements/\d+/$"))
    engagement_url = page.url
    card = stipend_card(page)
    stipend_badge(page, "Awaiting funding").wait_for()
    assert card.get_by_text("$125.00", exact=True).is_visible()
    assert card.get_by_text(
        "The drafter receives $112.50 after the 10% platform fee ($12.50)."
    ).is_visible()
    assert_accessible(page)

    # The mentor pays on Checkout; back on the page the webhook has not arrived yet.
    stripe_live.hold_deliveries()
    fund_on_checkout(page, stripe_live)
    notice = page.get_by_text("Payment received — waiting for Stripe's confirmation")
    notice.wait_for()
    assert stipend_badge(page, "Awaiting funding").is_visible()
    assert page.locator("[data-subtitle]").get_by_text("Awaiting funding").is_visible()
    engagement = Engagement.objects.get(task__title="Fact-check a grant proposal")
    assert engagement.state == Engagement.State.AWAITING_FUNDING
    assert_accessible(page)

    # Stripe's checkout.session.completed arrives. The page would notice on its next check
    # (the other journey waits for that); Refresh checks at once.
    delivered = stripe_live.flush()
    assert "checkout.session.completed" in [d["event_type"] for d in delivered]
    page.get_by_role("button", name="Refresh").click()
    page.get_by_text("Stripe confirmed your payment").wait_for()
    stipend_badge(page, "Paid by you · held, released to").wait_for()
    page.get_by_text("In progress").first.wait_for()
    assert "?checkout" not in page.url
    assert_accessible(page)

    # The drafter sees the money is held and sets up payouts from the engagement page.
    act_as(page, drafter)
    page.goto(engagement_url)
    stipend_badge(page, "Funded and held").wait_for()
    assert page.get_by_text("You receive $112.50 when the work is approved.").is_visible()
    page.get_by_role("link", name="Set up payouts, so the stipend can reach you").click()
    page.wait_for_url(re.compile(r"/settings/payouts/$"))
    page.get_by_role("button", name="Set up payouts").click()
    page.wait_for_url(re.compile(re.escape(stripe_live.base_url) + r"/connect/onboarding/"))
    assert_accessible(page)
    stripe_live.hold_deliveries()
    page.get_by_role("button", name="Complete onboarding").click()
    page.wait_for_url(re.compile(r"/settings/payouts/\?onboarding=returned"))
    page.get_by_text("Ready", exact=True).wait_for()
    stripe_live.flush()  # account.updated reaches the Connect endpoint

    # The drafter delivers.
    page.goto(engagement_url)
    page.get_by_label("Link to the work").fill("https://example.org/sam/checked-proposal")
    page.get_by_role("button", name="Deliver", exact=True).press("Enter")
    page.get_by_text("Delivered — waiting for your mentor to review.").wait_for()
    expect(page.get_by_role("status").filter(has_text="Work delivered")).to_be_focused()

    # The mentor approves: the stipend minus the fee goes to the drafter.
    act_as(page, mentor)
    page.goto(engagement_url)
    stripe_live.hold_deliveries()
    page.get_by_role("button", name="Approve the work").click()
    confirm(page, "Approve")
    page.get_by_role("heading", name="Leave feedback").wait_for()
    stipend_badge(page, "Paid out").wait_for()
    assert page.get_by_text("Paid out: Sam Drafter received $112.50.").is_visible()
    delivered = stripe_live.flush()
    assert "transfer.created" in [d["event_type"] for d in delivered]
    assert all(d["status"] == 200 for d in delivered)

    # The drafter's ledger shows the payout with its receipt.
    act_as(page, drafter)
    page.goto(page.base + "/ledger/")
    row = page.locator(".ledger-row")
    row.first.wait_for()
    assert row.count() == 1
    text = row.first.inner_text()
    assert "Payout" in text and "+$112.50" in text
    assert "Fact-check a grant proposal" in text
    assert re.search(r"\d+ \w+ \d{4} · Receipt SLP-\d{4}-\w{8}", text)  # a date, its own number
    assert "tr_" in row.first.locator(".ledger-receipt").text_content()  # Stripe's, folded
    assert_accessible(page)
    assert_fits_width(page)
    payout = Payout.objects.get(engagement=engagement)
    assert (payout.state, payout.amount) == (Payout.State.PAID, 11_250)


def test_mentor_funds_then_cancels_and_is_refunded(page, stripe_live):
    task = TaskFactory(stipend_amount=12_500, title="Proofread a conference talk")
    drafter = UserFactory(finish__display_name="Sam Drafter")
    application = application_create(
        task_id=task.pk,
        drafter=drafter,
        note="I proofread for a journal.",
        work_sample_link="https://example.org/sam/proofs",
    )
    engagement = application_accept(application_id=application.pk, mentor=task.mentor)
    assert engagement.state == Engagement.State.AWAITING_FUNDING

    act_as(page, task.mentor)
    page.goto(f"{page.base}/engagements/{engagement.pk}/")
    stipend_badge(page, "Awaiting funding").wait_for()

    # A first try is abandoned on Checkout: back on the page, nothing was charged.
    page.get_by_role("button", name="Fund the stipend").click()
    confirm(page, "Continue to payment")
    page.wait_for_url(re.compile(re.escape(stripe_live.base_url) + r"/checkout/cs_"))
    page.get_by_role("link", name="Cancel").click()
    page.get_by_text("Payment cancelled — nothing was charged.").wait_for()
    assert "?checkout" not in page.url
    stipend_badge(page, "Awaiting funding").wait_for()
    assert_accessible(page)

    stripe_live.hold_deliveries()
    fund_on_checkout(page, stripe_live)
    page.get_by_text("Payment received").wait_for()
    stripe_live.flush()
    stipend_badge(page, "Paid by you · held, released to").wait_for()

    # Cancel with a reason: the stipend comes back to the mentor's card (said to them as "your").
    page.get_by_text("Cancel this engagement").click()
    assert page.get_by_text("The stipend you paid comes back to your card in full.").is_visible()
    page.get_by_label("Reason (the other person will see it)").fill(
        "The conference was called off."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Cancel engagement").press("Enter")
    confirm(page, "Cancel the engagement")
    stipend_badge(page, "Refunded").wait_for()
    expect(page.get_by_role("status").filter(has_text="Engagement cancelled")).to_be_focused()
    assert page.get_by_text("Refunded to your card in full.").is_visible()
    assert page.get_by_text("Cancelled: The conference was called off.").is_visible()
    delivered = stripe_live.flush()
    assert "charge.refunded" in [d["event_type"] for d in delivered]
    assert_accessible(page)
    assert_fits_width(page)

    # The mentor's ledger: what was paid, and the refund.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="See it in your ledger").click()
    page.wait_for_url(re.compile(r"/ledger/$"))
    rows = page.locator(".ledger-row")
    rows.first.wait_for()
    assert rows.count() == 2
    assert "Refund" in rows.nth(0).inner_text() and "+$125.00" in rows.nth(0).inner_text()
    assert "\u2212$125.00" in rows.nth(1).inner_text()
    assert_accessible(page)
    stipend = Stipend.objects.get(engagement=engagement)
    assert stipend.state == Stipend.State.REFUNDED
    assert LedgerEntry.objects.filter(user=task.mentor).count() == 2
    assert Application.objects.get(pk=application.pk).state == Application.State.ACCEPTED


def test_drafter_without_payout_setup_is_shown_the_waiting_stipend(page, stripe_live):
    task = TaskFactory(stipend_amount=12_500, title="Index a photo archive")
    drafter = UserFactory()
    application = application_create(
        task_id=task.pk, drafter=drafter, note="I catalogue.", work_sample_link="https://ex.org/a"
    )
    engagement = application_accept(application_id=application.pk, mentor=task.mentor)
    checkout_url = engagement_fund_start(engagement_id=engagement.pk, user=task.mentor)
    stripe_live.pay_checkout(checkout_url)
    stripe_live.flush()
    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://ex.org/i")
    engagement_approve(engagement_id=engagement.pk, mentor=task.mentor)  # no payout setup yet
    assert Payout.objects.get(engagement=engagement).state == Payout.State.PENDING

    act_as(page, drafter)
    page.goto(f"{page.base}/engagements/{engagement.pk}/")
    engagement_page_loaded(page)
    stipend_badge(page, "Awaiting payout").wait_for()
    assert page.get_by_text("$112.50 is waiting for you: finish your payout setup").is_visible()
    page.get_by_role("link", name="Finish payout setup").click()

    page.wait_for_url(re.compile(r"/settings/payouts/$"))
    page.get_by_text("1 stipend waiting: finish payout setup to receive it.").wait_for()
    assert page.get_by_role("link", name="Index a photo archive").is_visible()
    assert_accessible(page)
    assert_fits_width(page)
