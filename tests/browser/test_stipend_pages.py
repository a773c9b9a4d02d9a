"""Payout settings and the ledger, in Chromium, against the Stripe stand-in.

Webhooks travel for real here: the stand-in delivers them, signed, to the live server.
"""

import re

import pytest
from django.test import Client

from projects.models import Engagement
from projects.stipends.services.checkout import engagement_fund_start
from projects.stipends.services.engagement_money import (
    stipend_on_engagement_accepted,
    stipend_on_engagement_cancelled,
)
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import EngagementFactory, TaskFactory, UserFactory

PLATFORM_SECRET = "whsec_browser_platform"
CONNECT_SECRET = "whsec_browser_connect"


@pytest.fixture
def stripe_live(settings, standin, live_server):
    standin.reset()
    settings.SITE_URL = live_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_browser"
    settings.STRIPE_API_BASE = standin.base_url
    settings.STRIPE_WEBHOOK_SECRET = PLATFORM_SECRET
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = CONNECT_SECRET
    standin.add_webhook(f"{live_server.url}/payments/stripe/webhook/", PLATFORM_SECRET)
    standin.add_webhook(
        f"{live_server.url}/payments/stripe/connect-webhook/", CONNECT_SECRET, connect=True
    )
    return standin


def log_in(page, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def test_drafter_sets_up_payouts_on_stripe_and_comes_back_ready(page, stripe_live):
    drafter = UserFactory()
    log_in(page, drafter)

    page.goto(page.base + "/settings/payouts/")
    page.get_by_text("Not set up", exact=True).wait_for()
    assert page.get_by_role("heading", name="Payouts", level=1).is_visible()
    assert_accessible(page)
    assert_fits_width(page, 375)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("button", name="Set up payouts").click()
    page.wait_for_url(re.compile(re.escape(stripe_live.base_url) + r"/connect/onboarding/"))
    # account.updated waits until the return page has settled: the live server's in-memory
    # SQLite database cannot take the webhook's write and the page's at the same moment.
    stripe_live.hold_deliveries()
    page.get_by_role("button", name="Complete onboarding").click()

    page.wait_for_url(re.compile(r"/settings/payouts/\?onboarding=returned"))
    page.get_by_text("Ready", exact=True).wait_for()
    assert [d["status"] for d in stripe_live.flush()] == [200]
    assert page.get_by_text("Welcome back from Stripe").is_visible()
    assert page.get_by_text("Approved stipends are sent to your bank").is_visible()
    assert not page.get_by_role("button", name="Set up payouts").is_visible()
    assert_accessible(page)


def test_ledger_says_what_to_do_when_empty(page, stripe_live):
    log_in(page, UserFactory())

    page.goto(page.base + "/ledger/")

    page.get_by_text("No money has moved yet.").wait_for()
    assert page.get_by_role("link", name="Browse paid tasks").is_visible()
    assert_accessible(page)


def test_mentor_sees_payment_and_refund_with_receipts(page, stripe_live):
    engagement = EngagementFactory(
        application__task=TaskFactory(stipend_amount=12_500, title="Tidy the style guide"),
        state=Engagement.State.AWAITING_FUNDING,
    )
    stipend_on_engagement_accepted(engagement=engagement)
    url = engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)
    stripe_live.pay_checkout(url)
    stripe_live.flush()  # checkout.session.completed reaches the live server
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.ACTIVE
    Engagement.objects.filter(pk=engagement.pk).update(state=Engagement.State.CANCELLED)
    stipend_on_engagement_cancelled(engagement=engagement)
    stripe_live.flush()
    log_in(page, engagement.mentor)

    page.goto(page.base + "/ledger/")

    rows = page.locator(".ledger-row")
    rows.first.wait_for()
    assert rows.count() == 2
    assert "Refund" in rows.nth(0).inner_text() and "+$125.00" in rows.nth(0).inner_text()
    assert "Stipend paid" in rows.nth(1).inner_text()
    assert "\u2212$125.00" in rows.nth(1).inner_text()  # a real minus sign
    assert "Tidy the style guide" in rows.nth(1).inner_text()
    assert re.search(r"\d+ \w+ \d{4} · Receipt SLP-\d{4}-\w{8}", rows.nth(1).inner_text())
    assert "pi_" in rows.nth(1).locator(".ledger-receipt").text_content()
    assert_accessible(page)
    assert_fits_width(page, 375)
