"""The first-use walks' findings on the task page and cards, offers, invitations and the
engagement page, in real Chromium at 1280 and 390 px: each page speaks to the person reading it
(a mentor-only reader is not told "You receive"), and nothing reads like something else (an
offer beside a task is not applying to it)."""

import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.services.profiles import profile_update
from projects.models import Deliverable, Engagement, Task
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import EngagementFactory, TaskFactory, UserFactory

WIDTHS = (1280, 390)
SCREENS = Path("test-artifacts/screens")


@pytest.fixture(autouse=True)
def _fee(settings):
    settings.PLATFORM_FEE_PERCENT = 10


def log_in(page, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def person(name, *, draft=True, mentor=False):
    user = UserFactory(finish__display_name=name)
    profile_update(
        user=user,
        data={"wants_to_draft": draft, "wants_to_mentor": mentor, "onboarding_completed": True},
    )
    return user


def at_both_widths(page, name: str):
    """Yield each width with the viewport set; checks fit and accessibility, keeps a screenshot."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        yield width
        assert_fits_width(page, width)
        assert_accessible(page)
        page.screenshot(path=str(SCREENS / f"wording-{name}-{width}.png"), full_page=True)


LIST_DESCRIPTION = "We need:\n\n- a logo sketch\n- a colour palette\n- a one-page guide"


def test_the_task_page_names_applying_and_offering_apart(page):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    offer_settings_update(mentor=mentor, data={"is_open": True})
    task = TaskFactory(mentor=mentor, title="Brand kit for a food bank")
    log_in(page, person("Sam Drafter"))
    for _ in at_both_widths(page, "task-page"):
        page.goto(f"{page.base}/tasks/{task.pk}/")
        expect(page.get_by_role("heading", name="Apply for this task")).to_be_visible()
        expect(page.get_by_role("heading", name="Offer to help")).to_have_count(0)
        expect(page.get_by_role("link", name="Offer other help to Maya")).to_be_visible()


def test_a_mentor_only_reader_sees_cards_in_the_third_person_with_level_and_list(page):
    TaskFactory(
        title="Brand kit for a food bank",
        description=LIST_DESCRIPTION,
        stipend_amount=15000,
        stipend_currency="usd",
        level=Task.Level.SOME_EXPERIENCE,
    )
    log_in(page, person("Maya Okafor", draft=False, mentor=True))
    for _ in at_both_widths(page, "cards-mentor"):
        page.goto(page.base + "/tasks/")
        card = page.locator(".task-card").filter(has_text="Brand kit for a food bank")
        expect(card).to_contain_text("The drafter receives $135.00 after the 10% platform fee.")
        expect(card).not_to_contain_text("You receive")
        expect(card).to_contain_text("The helper also gains:")
        expect(card.locator(".task-card-meta")).to_contain_text("Some experience")
        expect(card.locator(".task-card-excerpt")).to_have_text(
            "We need: a logo sketch; a colour palette; a one-page guide"
        )


def test_a_drafter_still_reads_you_receive_on_a_card(page):
    TaskFactory(title="Poster for a food bank", stipend_amount=15000, stipend_currency="usd")
    TaskFactory(title="Unpaid survey", level=Task.Level.BEGINNER_FRIENDLY)
    log_in(page, person("Sam Drafter"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base + "/tasks/")
    paid = page.locator(".task-card").filter(has_text="Poster for a food bank")
    expect(paid).to_contain_text("You receive $135.00 after the 10% platform fee.")
    unpaid = page.locator(".task-card").filter(has_text="Unpaid survey")
    expect(unpaid).to_contain_text("Unpaid — what you'll gain:")
    expect(unpaid.locator(".task-card-meta")).to_contain_text("Beginner-friendly")


def test_offers_speak_to_an_open_mentor_and_to_the_drafter_who_sent_one(page):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    offer_settings_update(mentor=mentor, data={"is_open": True, "monthly_cap": 3})

    # An open mentor with no offers yet is told they are open, not to open themselves.
    log_in(page, mentor)
    for _ in at_both_widths(page, "offers-open-mentor"):
        page.goto(page.base + "/offers/")
        main = page.locator("main")
        expect(main).to_contain_text(
            "You're open to offers (3 left this month); "
            "drafters find you on Mentors open to offers."
        )
        expect(main).not_to_contain_text("Open yourself to offers")
        expect(page.get_by_role("link", name="Offers you sent")).to_have_count(0)

    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Findings table from your interview notes",
        what="I will turn your twelve interview notes into one findings table.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        work_sample_link="https://example.org/sample",
    )

    # The mentor's accept form quotes the fee as the task editor does.
    for _ in at_both_widths(page, "offer-accept"):
        page.goto(f"{page.base}/offers/{offer.pk}/")
        page.get_by_label("Stipend (optional)").fill("150")
        expect(page.locator("[data-fee-quote]")).to_have_text(
            "You pay $150.00; the drafter receives $135.00 after the 10% platform fee."
        )
        expect(page.get_by_role("heading", name="What they will do")).to_be_visible()

    # The drafter reads their own offer in the second person, and no tab for offers received.
    log_in(page, drafter)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{page.base}/offers/{offer.pk}/")
    expect(page.get_by_role("heading", name="What you will do")).to_be_visible()
    page.goto(page.base + "/offers/")
    page.get_by_role("link", name="Findings table from your interview notes").wait_for()
    expect(page.get_by_role("link", name="Offers drafters sent you")).to_have_count(0)


def test_someone_who_drafts_and_mentors_chooses_between_both_offer_tabs(page):
    log_in(page, person("Ana Both", mentor=True))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base + "/offers/")
    tabs = page.get_by_role("navigation", name="Offers")
    expect(tabs.get_by_role("link", name="Offers you sent")).to_be_visible()
    expect(tabs.get_by_role("link", name="Offers drafters sent you")).to_be_visible()


def test_invitations_have_one_heading_and_ask_only_the_undiscoverable_to_be_found(page):
    hidden = person("Sam Rivera")
    found = person("Bo Chen")
    profile_update(user=found, data={"discoverable": True})
    for reader, hint_count in ((found, 0), (hidden, 1)):
        log_in(page, reader)
        for _ in at_both_widths(page, f"invitations-{reader.profile.handle}"):
            page.goto(page.base + "/invitations/")
            expect(page.get_by_role("heading", level=1)).to_have_text("Invitations you received")
            expect(page.get_by_role("heading", name="Invitations", exact=True)).to_have_count(0)
            expect(page.locator("main").get_by_text("No invitations yet.")).to_be_visible()
            expect(page.get_by_text("Make yourself discoverable")).to_have_count(hint_count)
            expect(page.get_by_text("Mentors can invite you only while")).to_have_count(hint_count)


def completed_case_study_engagement():
    mentor = person("Maya Okafor", draft=False, mentor=True)
    engagement = EngagementFactory(
        application__task=TaskFactory(mentor=mentor, title="Survey redesign"),
        application__drafter=person("Sam Drafter"),
        state=Engagement.State.COMPLETED,
        showable=Engagement.Showable.CASE_STUDY,
    )
    Deliverable.objects.create(
        engagement=engagement, submitted_by=engagement.drafter, link="https://example.org/w"
    )
    return engagement


def test_the_engagement_page_heads_with_the_title_and_says_you_to_the_approving_mentor(page):
    engagement = completed_case_study_engagement()
    url = f"{page.base}/engagements/{engagement.pk}/"
    log_in(page, engagement.mentor)
    for _ in at_both_widths(page, "engagement-mentor"):
        page.goto(url)
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_text("Survey redesign")
        expect(heading.get_by_role("link")).to_have_count(0)
        expect(page.get_by_role("link", name="View task")).to_have_attribute(
            "href", f"/tasks/{engagement.task_id}/"
        )
        label = page.locator("[data-showable-label]")
        expect(label).to_have_text(
            "The work itself is confidential; a case study will show here once you approve it."
        )
        # The last delivery closes the list without a divider under it.
        last = page.locator(".deliverable").last
        assert last.evaluate("node => getComputedStyle(node).borderBottomWidth") == "0px"
        # "Thanks" stands apart from the feedback form's button above it.
        submit = page.get_by_role("button", name="Submit feedback").bounding_box()
        thanks = page.get_by_role("heading", name="Thanks", exact=True).bounding_box()
        assert thanks["y"] - (submit["y"] + submit["height"]) >= 24

    log_in(page, engagement.drafter)
    page.goto(url)
    expect(page.locator("[data-showable-label]")).to_contain_text("once the mentor approves it")


def test_a_failed_funding_shows_the_apis_own_words(page, settings):
    # Payments are switched on (a key), but nothing listens: the provider is down.
    settings.STRIPE_SECRET_KEY = "sk_test_provider_down"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    mentor = person("Maya Okafor", draft=False, mentor=True)
    engagement = EngagementFactory(
        application__task=TaskFactory(mentor=mentor, stipend_amount=15000),
        state=Engagement.State.AWAITING_FUNDING,
    )
    stipend_on_engagement_accepted(engagement=engagement)
    log_in(page, mentor)
    for _ in at_both_widths(page, "engagement-funding-down"):
        page.goto(f"{page.base}/engagements/{engagement.pk}/")
        page.get_by_role("button", name="Fund the stipend").click()
        page.get_by_role("dialog").get_by_role("button", name="Continue to payment").click()
        error = page.locator("[data-stipend-section] [data-form-error]")
        expect(error).to_have_text(
            "Payments are unavailable right now; your engagement is saved, so try funding the "
            "stipend again in a few minutes."
        )
        expect(page.get_by_text("Something went wrong")).to_have_count(0)


EN_DASH = "\N{EN DASH}"


def test_a_draft_started_and_finished_the_same_day_shows_one_date_on_the_profile(page):
    drafter = person("Sam Drafter")
    day = datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC)
    EngagementFactory(
        application__task=TaskFactory(title="One-day logo sketch"),
        application__drafter=drafter,
        state=Engagement.State.COMPLETED,
        started_at=day,
        completed_at=day + datetime.timedelta(hours=5),
    )
    EngagementFactory(
        application__task=TaskFactory(title="Two-week survey"),
        application__drafter=drafter,
        state=Engagement.State.COMPLETED,
        started_at=day,
        completed_at=day + datetime.timedelta(days=12),
    )
    for _ in at_both_widths(page, "profile-dates"):
        page.goto(f"{page.base}/u/{drafter.profile.handle}/")
        one_day = page.locator("li").filter(has=page.get_by_role("heading", name="One-day logo"))
        expect(one_day).to_contain_text("· 7 Dec 2026")
        expect(one_day).not_to_contain_text(EN_DASH)
        two_weeks = page.locator("li").filter(has=page.get_by_role("heading", name="Two-week"))
        expect(two_weeks).to_contain_text(f"7 Dec 2026 {EN_DASH} 19 Dec 2026")
