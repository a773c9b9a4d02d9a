"""/experience/<id>/ in a real browser: the owner's share actions show only to the owner, the
page's headings use the site's heading scale, and its dates read "7 Dec 2026"."""

import re
from datetime import UTC, datetime

from playwright.sync_api import expect

from projects.models import Engagement
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in
from tests.factories import EngagementFactory, SkillFactory, TaskFactory, UserFactory


def _approved_draft() -> Engagement:
    task = TaskFactory(
        title="Survey redesign",
        mentor=UserFactory(finish__display_name="Maya Mentor"),
        skills=[SkillFactory(name="Survey design")],
    )
    return EngagementFactory(
        application__task=task,
        application__drafter=UserFactory(finish__display_name="Sam Drafter"),
        state=Engagement.State.COMPLETED,
        started_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        completed_at=datetime(2026, 12, 7, 14, 5, tzinfo=UTC),
        showable=Engagement.Showable.PRIVATE,
    )


def _open(page, engagement: Engagement) -> None:
    page.goto(f"{page.base}/experience/{engagement.pk}/")
    page.get_by_role("heading", name="Survey redesign", level=1).wait_for()
    page.wait_for_load_state("networkidle")  # the owner's LinkedIn link comes from the API


def test_the_owner_gets_the_share_actions(page):
    engagement = _approved_draft()
    log_in(page, engagement.drafter)

    _open(page, engagement)

    main = page.locator("#main")
    linkedin = main.get_by_role("link", name=re.compile("^Add to LinkedIn"))
    expect(linkedin).to_be_visible()
    assert linkedin.get_attribute("href").startswith("https://www.linkedin.com/profile/add?")
    expect(main.get_by_role("button", name="Copy link")).to_be_visible()
    expect(main.get_by_role("link", name="Download certificate (PDF)")).to_be_visible()
    assert_accessible(page)
    for width in (390, 1280):
        assert_fits_width(page, width)


def test_a_signed_in_visitor_sees_the_proof_without_share_actions(page):
    engagement = _approved_draft()
    log_in(page, UserFactory())

    _open(page, engagement)

    main = page.locator("#main")
    expect(main.get_by_role("link", name="Sam Drafter").first).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("Add to LinkedIn"))).to_have_count(0)
    expect(main.get_by_role("button", name="Copy link")).to_have_count(0)
    expect(main.get_by_role("link", name="Download certificate (PDF)")).to_have_count(0)
    expect(main.get_by_role("link", name="How credentials are checked")).to_have_attribute(
        "href", "/verify/"
    )
    assert_accessible(page)


def test_an_anonymous_visitor_sees_the_proof_without_share_actions(page):
    engagement = _approved_draft()

    _open(page, engagement)

    main = page.locator("#main")
    expect(main.get_by_role("link", name="See Sam Drafter\u2019s profile")).to_be_visible()
    assert "{#" not in main.inner_text()  # no template comment leaks onto the page
    expect(main.get_by_role("link", name=re.compile("Add to LinkedIn"))).to_have_count(0)
    expect(main.get_by_role("button", name="Copy link")).to_have_count(0)
    expect(main.get_by_role("link", name="Download certificate (PDF)")).to_have_count(0)
    for width in (390, 1280):
        assert_fits_width(page, width)


def _heading(page) -> dict:
    return page.locator("#main h1").evaluate(
        """(node) => ({size: getComputedStyle(node).fontSize,
                      left: node.getBoundingClientRect().left,
                      inCard: Boolean(node.closest('.card'))})"""
    )


def test_the_experience_heading_is_a_page_heading_like_every_other_page(page):
    engagement = _approved_draft()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base}/verify/")
        site = _heading(page)

        _open(page, engagement)

        assert _heading(page) == site  # same size, same left edge, on the page (not in a card)
        assert site["inCard"] is False
        # The card's section heading is a section heading: smaller than the page's h1 (the
        # browser's default h2 is as large as the h1 on a phone).
        section = page.get_by_role("heading", name="About this record", level=2)
        size = section.evaluate("(node) => parseFloat(getComputedStyle(node).fontSize)")
        assert size < float(site["size"].removesuffix("px"))


def test_the_experience_dates_read_day_month_year(page):
    engagement = _approved_draft()

    _open(page, engagement)

    lead = page.locator("#main .lead")
    expect(lead).to_contain_text("who confirmed the work on 7 Dec 2026.")
    assert lead.locator("time").get_attribute("datetime").startswith("2026-12-07T14:05:00")
    facts = page.locator(".experience-facts")
    expect(facts).to_contain_text("30 Nov 2026")
    expect(facts).to_contain_text("7 Dec 2026")
