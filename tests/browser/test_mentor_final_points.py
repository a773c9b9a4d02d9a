"""A new mentor's final points (issues 20, 22): approving "from a date" without a date says so
beside the field before any dialog; the e-mail addresses page has one row per address with its own
actions; the ledger's receipts; the offer page's decline reason; the private task made from an
offer; at 1280 and 390 px."""

import datetime
import re
from pathlib import Path

from playwright.sync_api import expect

from projects.models import Deliverable, Engagement
from tests.browser.careers_pages import shoot_both_widths
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import WIDE, log_in, person
from tests.factories import EngagementFactory, TaskFactory

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
