"""The showable-work clause in a real browser: the mentor chooses "case study" at approval, the
drafter writes one, the mentor approves it, and the public experience page shows it."""

from playwright.sync_api import expect

from projects.models import Deliverable, Engagement
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import EngagementFactory, TaskFactory, UserFactory

CASE_STUDY = "I rebuilt the onboarding survey; completion rose from 40 % to 70 %."


def test_case_study_chosen_at_approval_written_approved_and_shown(page):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    engagement = EngagementFactory(
        application__task=TaskFactory(mentor=mentor, title="Survey redesign"),
        application__drafter=UserFactory(finish__display_name="Sam Drafter"),
        state=Engagement.State.DELIVERED,
    )
    Deliverable.objects.create(
        engagement=engagement, submitted_by=engagement.drafter, link="https://example.org/w"
    )
    url = f"{page.base}/engagements/{engagement.pk}/"

    log_in(page, mentor)
    page.goto(url)
    page.get_by_label("Case study").check()
    assert_accessible(page)
    page.get_by_role("button", name="Approve the work").click()
    page.get_by_role("dialog").get_by_role("button", name="Approve").click()
    page.get_by_text("a case study will show here once you approve it").wait_for()
    log_out(page)

    log_in(page, engagement.drafter)
    page.goto(url)
    page.get_by_label("Your case study").fill(CASE_STUDY)
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("Case study sent to your mentor for approval.").wait_for()
    log_out(page)

    log_in(page, mentor)
    page.goto(url)
    page.get_by_role("button", name="Approve the case study").click()
    page.get_by_text("Case study approved: it now shows publicly.").wait_for()
    log_out(page)

    page.goto(f"{page.base}/experience/{engagement.pk}/")
    expect(page.get_by_text(CASE_STUDY)).to_be_visible()
    expect(page.get_by_text("this case study was approved by the mentor")).to_be_visible()
    expect(page.get_by_role("link", name="See the work")).to_have_count(0)
    assert_accessible(page)
    for width in (390, 1280):
        assert_fits_width(page, width)
