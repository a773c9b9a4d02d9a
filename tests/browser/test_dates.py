"""The pages' JavaScript writes dates the way the server does: "7 Dec 2026", and
"7 Dec 2026, 14:05" with the time, through the one pair of helpers in ui.js."""

from datetime import UTC, datetime

from django.utils import timezone

from projects.models import Engagement
from tests.browser.test_drafting_journey import log_in
from tests.factories import EngagementFactory, TaskFactory


def test_the_ui_helpers_write_day_short_month_year(page):
    page.goto(f"{page.base}/verify/")

    written = page.evaluate(
        """async () => {
          const { date, dateTime } = await import('/static/frontend/js/ui.js');
          return [date('2026-09-07'), date(new Date(2026, 11, 7, 23, 59)),
                  dateTime(new Date(2026, 11, 7, 14, 5)), dateTime(new Date(2027, 0, 3, 9, 7)),
                  date(''), date(null), date('not a date')];
        }"""
    )

    assert written == [
        "7 Sep 2026",
        "7 Dec 2026",
        "7 Dec 2026, 14:05",
        "3 Jan 2027, 09:07",
        "",
        "",
        "",
    ]


def test_the_verify_page_says_when_the_work_was_confirmed_in_that_format(page):
    engagement = EngagementFactory(
        application__task=TaskFactory(title="Survey redesign"),
        state=Engagement.State.COMPLETED,
        started_at=timezone.now(),
        completed_at=datetime(2026, 12, 7, 12, 0, tzinfo=UTC),
    )
    log_in(page, engagement.drafter)
    token = page.request.get(f"{page.base}/api/v1/experience/{engagement.pk}/credential/").text()
    page.goto(f"{page.base}/verify/")

    page.get_by_label("Credential", exact=True).fill(token)
    page.get_by_role("button", name="Verify").click()

    page.get_by_text("Valid credential").wait_for()
    assert "confirmed on 7 Dec 2026." in page.locator("[data-verify-result]").inner_text()
