"""Percentages read as people write them, "10%" with no space, from the configured fee."""

from playwright.sync_api import expect

from tests.browser.first_use import person as _person
from tests.browser.test_drafting_journey import log_in
from tests.browser.test_first_use_pages import _paid_task


def test_the_fee_line_writes_the_configured_fee_without_a_space(page, settings):
    settings.PLATFORM_FEE_PERCENT = 12.5
    task = _paid_task()
    log_in(page, _person("Sam Drafter"))

    page.goto(f"{page.base}/tasks/{task.pk}/")

    # Said once: beside "Send application" once the apply form is shown (a drafter here).
    fee_line = page.locator("[data-apply-form] [data-fee-line]")
    expect(fee_line).to_contain_text("after the 12.5% platform fee.")
    assert " %" not in fee_line.inner_text()
