"""Issue 22, first use for drafters and mentors: points 2, 7, 8, 9 and 10, in real Chromium, at
1280 and 390 px where layout is involved; axe finds nothing serious on any state.

(The new mentor's whole keyboard-only journey, with screenshots, is in
test_new_mentor_journey.py.)"""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import InstitutionMembership, User
from accounts.services.profiles import profile_update
from accounts.services.skills import user_skills_set
from projects.management.demo_career_office import CAREERS_STAFF_EMAIL
from projects.models import Engagement
from projects.services.applications import (
    application_accept,
    application_create,
    application_decline,
)
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.tasks import task_cancel
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.first_use import log_in, person
from tests.browser.test_drafting_journey import log_in_with_password
from tests.factories import (
    DEFAULT_PASSWORD,
    EngagementFactory,
    InstitutionFactory,
    MembershipFactory,
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
)

WIDTHS = (1280, 390)
GAIN = "A reference letter and a portfolio piece"


@pytest.fixture(autouse=True)
def _fee(settings):
    settings.PLATFORM_FEE_PERCENT = 10


def _paid_task(**kwargs):
    fields = {
        "title": "Fact-check a grant proposal",
        "stipend_amount": 15000,
        "stipend_currency": "usd",
        "what_you_gain": GAIN,
        "deadline": datetime.date(2027, 3, 15),
    }
    return TaskFactory(**(fields | kwargs))


def _completed_engagement(mentor, drafter):
    task = TaskFactory(mentor=mentor, title="Tidy the research repository")
    item = PortfolioItemFactory(owner=drafter, title="Archive clean-up")
    application = application_create(
        task_id=task.pk,
        drafter=drafter,
        note="I have done this before.",
        portfolio_item_ids=[item.pk],
    )
    engagement = application_accept(application_id=application.pk, mentor=mentor)
    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://example.org/w")
    engagement_approve(engagement_id=engagement.pk, mentor=mentor)
    return engagement


# Point 2: the fee is said before anyone commits.


def test_2_the_drafter_reads_what_they_receive_after_the_fee_on_card_page_and_apply_form(page):
    task = _paid_task()
    drafter = person("Sam Drafter")
    log_in(page, drafter)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/tasks/")
        card = page.locator(".task-card").filter(has_text=task.title)
        expect(card).to_contain_text("Stipend: $150.00")
        expect(card).to_contain_text("You receive $135.00 after the 10% platform fee.")
        assert_fits_width(page, width)
        assert_accessible(page)
    page.goto(f"{page.base}/tasks/{task.pk}/")
    reward = page.locator("[data-task-reward]")
    expect(reward).to_contain_text("Stipend: $150.00")
    # Beside the stipend and next to "Send application" (test_first_use_findings.py, point 6).
    form = page.locator("[data-apply-form]")
    for place in (form, reward):
        expect(place.locator("[data-fee-line]")).to_have_text(
            "You receive $135.00 after the 10% platform fee."
        )
    assert_accessible(page)


def test_2_the_mentor_reads_what_they_pay_and_what_the_drafter_receives(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    task = _paid_task(mentor=mentor)
    log_in(page, mentor)
    page.goto(f"{page.base}/tasks/{task.pk}/")
    expect(page.locator("[data-task-reward]")).to_contain_text(
        "You pay $150.00; the drafter receives $135.00 after the 10% platform fee."
    )
    # The editor quotes the split as the stipend is typed (the server's arithmetic).
    page.goto(page.base + "/tasks/new/")
    page.get_by_label("Stipend (optional)").fill("270")
    quote = page.locator("[data-fee-quote]")
    expect(quote).to_have_text(
        "You pay $270.00; the drafter receives $243.00 after the 10% platform fee."
    )
    page.get_by_label("Stipend (optional)").fill("")
    expect(quote).to_be_hidden()
    page.goto(f"{page.base}/tasks/{task.pk}/edit/")
    expect(quote).to_have_text(
        "You pay $150.00; the drafter receives $135.00 after the 10% platform fee."
    )
    assert_accessible(page)


# Point 7: a paid task still says what else the helper gains, and every card says when.


def test_7_paid_tasks_show_what_the_helper_gains_and_cards_show_the_deadline(page):
    paid = _paid_task()
    open_ended = TaskFactory(title="Proofread a newsletter", deadline=None)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/tasks/")
        card = page.locator(".task-card").filter(has_text=paid.title)
        expect(card).to_contain_text(f"You also gain: {GAIN}")
        expect(card.locator("[data-deadline]")).to_have_text("Due 15 Mar 2027")
        other = page.locator(".task-card").filter(has_text=open_ended.title)
        expect(other.locator("[data-deadline]")).to_have_text("No fixed deadline")
        assert_fits_width(page, width)
    page.goto(f"{page.base}/tasks/{paid.pk}/")
    expect(page.locator("[data-task-reward]")).to_contain_text(f"You also gain: {GAIN}")
    expect(page.locator("[data-task-meta]")).to_contain_text("Deadline 15 Mar 2027")
    assert_accessible(page)


# Point 8: every sentence that names a role is written for the person reading it.


def test_8_the_skills_step_speaks_to_a_mentor_as_a_mentor_and_to_a_drafter_as_a_drafter(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    profile_update(user=mentor, data={"headline": "Editor at a small press"})
    log_in(page, mentor)
    page.goto(page.base + "/welcome/")
    step = page.locator("[data-step='2']")
    expect(step).to_contain_text("drafters see it on your profile")
    assert "mentors like to teach" not in step.inner_text()
    assert "mentors can find you" not in step.text_content()
    page.goto(page.base + "/dashboard/")
    expect(page.locator("[data-complete-next]")).to_contain_text("Add the skills you work in")
    page.context.clear_cookies()

    drafter = person("Sam Drafter")
    log_in(page, drafter)
    page.goto(page.base + "/welcome/")
    expect(page.locator("[data-step='2']")).to_contain_text("mentors like to teach")
    assert "mentors can find you" in page.locator("[data-step='2']").text_content()


def test_8_waiting_for_funding_and_the_stipend_split_are_told_to_each_side(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    task = _paid_task(mentor=mentor)
    engagement = EngagementFactory(
        application__task=task,
        application__drafter=drafter,
        state=Engagement.State.AWAITING_FUNDING,
    )
    stipend_on_engagement_accepted(engagement=engagement)
    url = f"{page.base}/engagements/{engagement.pk}/"

    log_in(page, mentor)
    page.goto(url)
    timeline = page.locator("[data-timeline]")
    expect(timeline).to_contain_text("Waiting for you to fund the stipend")
    expect(page.locator("[data-stipend-split]")).to_have_text(
        "The drafter receives $135.00 after the 10% platform fee ($15.00)."
    )
    assert_accessible(page)
    page.context.clear_cookies()

    log_in(page, drafter)
    page.goto(url)
    expect(timeline).to_contain_text("Waiting for the mentor to fund the stipend")
    expect(page.locator("[data-stipend-split]")).to_have_text(
        "You receive $135.00 after the 10% platform fee ($15.00)."
    )
    assert "The drafter receives" not in page.locator("main").inner_text()
    assert_accessible(page)


def test_8_an_automatic_decline_is_from_slipstream_and_a_written_one_names_its_author(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    item = PortfolioItemFactory(owner=drafter, title="Survey write-up")
    cancelled = TaskFactory(mentor=mentor, title="Map the archive")
    automatic = application_create(
        task_id=cancelled.pk, drafter=drafter, note="Happy to.", portfolio_item_ids=[item.pk]
    )
    task_cancel(task_id=cancelled.pk, mentor=mentor)
    written = application_create(
        task_id=TaskFactory(mentor=mentor).pk,
        drafter=drafter,
        note="Happy to.",
        portfolio_item_ids=[item.pk],
    )
    application_decline(application_id=written.pk, mentor=mentor, note="We went another way.")

    log_in(page, drafter)
    page.goto(f"{page.base}/applications/{automatic.pk}/")
    note = page.locator("[data-decline-note]")
    expect(note).to_contain_text("From Slipstream: The mentor cancelled this task")
    assert "Note from" not in note.inner_text()
    assert_accessible(page)
    page.goto(f"{page.base}/applications/{written.pk}/")
    expect(note).to_have_text("Note from Maya Mentor: We went another way.")
    page.context.clear_cookies()

    log_in(page, mentor)
    page.goto(f"{page.base}/applications/{written.pk}/")
    expect(note).to_have_text("Your note: We went another way.")


def test_8_career_readiness_ratings_are_optional_folded_and_in_plain_words(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    engagement = _completed_engagement(mentor, drafter)
    log_in(page, mentor)
    page.goto(f"{page.base}/engagements/{engagement.pk}/")
    folded = page.locator("[data-competencies]")
    expect(folded.locator("summary")).to_have_text("Rate career-readiness (optional)")
    assert not folded.get_by_label("Communication").is_visible()
    assert_accessible(page)
    folded.locator("summary").press("Enter")
    expect(folded.get_by_label("Communication")).to_be_visible()
    assert "Did not see it" in folded.get_by_label("Communication").inner_text()
    assert "NACE" not in folded.inner_text()
    # Left unrated, feedback still goes.
    page.get_by_label("Overall rating").select_option("5")
    page.get_by_role("button", name="Submit feedback").press("Enter")
    page.get_by_role("heading", name="Your feedback").wait_for()


# Point 9: the finishing moment, and a profile that reads well to visitors.


def test_9_approved_work_offers_the_drafter_a_share_card_on_the_engagement_and_dashboard(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    engagement = _completed_engagement(mentor, drafter)
    log_in(page, drafter)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in (f"/engagements/{engagement.pk}/", "/dashboard/"):
            page.goto(page.base + path)
            card = page.locator("[data-share-card]")
            expect(card.get_by_role("heading")).to_have_text("Share your verified experience")
            share = card.locator(".share-link")
            assert share.get_attribute("href").endswith(f"/experience/{engagement.pk}/")
            linkedin = card.get_by_role("link", name=re.compile("^Add to LinkedIn"))
            assert linkedin.get_attribute("href").startswith(
                "https://www.linkedin.com/profile/add?"
            )
            assert card.get_by_role("button", name="Copy link").is_visible()
            assert_fits_width(page, width)
            assert_accessible(page)
    page.context.clear_cookies()
    log_in(page, mentor)
    page.goto(f"{page.base}/engagements/{engagement.pk}/")
    page.get_by_role("heading", name="Timeline").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-share-card]").count() == 0


def test_9_the_public_profile_hides_empty_sections_from_visitors_and_gives_its_owner_edit(page):
    drafter = person("Lin Chen")
    profile_update(user=drafter, data={"headline": "Economics student"})
    page.goto(f"{page.base}/u/{drafter.profile.handle}/")
    page.get_by_role("heading", name="Lin Chen").wait_for()
    page.wait_for_load_state("networkidle")
    body = page.locator("main").inner_text()
    for empty in ("No thank-you notes yet", "No verified experience yet", "No public work yet"):
        assert empty not in body
    expect(page.locator("[data-initials]")).to_have_text("LC")
    assert page.get_by_role("link", name="Edit your profile").count() == 0
    assert_accessible(page)

    log_in(page, drafter)
    page.goto(f"{page.base}/u/{drafter.profile.handle}/")
    page.get_by_role("link", name="Edit your profile").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("No thank-you notes yet.").is_visible()


def test_9_the_skills_chart_is_labelled(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    drafter = person("Sam Drafter")
    engagement = _completed_engagement(mentor, drafter)
    user_skills_set(
        user=drafter, items=[{"skill_id": SkillFactory(name="Python").pk, "level": "working"}]
    )
    page.goto(f"{page.base}/u/{drafter.profile.handle}/")
    figure = page.locator("[data-skills-figure]")
    expect(figure.locator("figcaption")).to_contain_text("Skill levels")
    expect(figure.locator("figcaption")).to_contain_text("learning, working knowledge, expert")
    assert engagement.pk
    assert_accessible(page)


# Point 10: rough edges.


def test_10_only_the_tasks_mentor_asks_for_recommended_drafters(page):
    mentor = person("Maya Mentor", draft=False, mentor=True)
    task = TaskFactory(mentor=mentor, title="Label a photo archive")
    asked: list[str] = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url) if "recommended-drafters" in request.url else None
        ),
    )
    log_in(page, person("Sam Drafter"))
    page.goto(f"{page.base}/tasks/{task.pk}/")
    page.get_by_role("heading", name="Apply for this task").wait_for()
    page.wait_for_load_state("networkidle")
    assert asked == []
    assert not page.get_by_role("heading", name="Recommended drafters").is_visible()
    page.context.clear_cookies()

    log_in(page, mentor)
    page.goto(f"{page.base}/tasks/{task.pk}/")
    page.get_by_role("heading", name="Recommended drafters").wait_for()
    assert len(asked) == 1


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("drafter", {"Dashboard", "For you", "Payouts", "Messages"}, {"Ledger", "Careers"}),
        ("mentor", {"Dashboard", "Ledger", "Messages"}, {"Payouts", "For you", "Careers"}),
        ("staff", {"Careers", "Settings"}, {"Payouts", "Ledger", "For you", "Dashboard"}),
        ("staff who mentors", {"Careers", "Ledger", "Dashboard"}, {"Payouts", "For you"}),
    ],
)
def test_10_the_navigation_shows_each_person_the_pages_of_what_they_do(page, who, shown, hidden):
    user = person(
        "Riley Person", draft=who == "drafter", mentor=who in {"mentor", "staff who mentors"}
    )
    if who.startswith("staff"):
        MembershipFactory(
            user=user,
            institution=InstitutionFactory(),
            role=InstitutionMembership.Role.STAFF,
        )
    log_in(page, user)
    page.goto(page.base + "/tasks/")
    nav = page.get_by_role("navigation", name="Main")
    page.locator("[data-account-menu] > summary").click()  # Payouts, Ledger, Settings are in it
    for name in shown:
        assert nav.get_by_role("link", name=name, exact=True).count() == 1, name
    for name in hidden:
        assert nav.get_by_role("link", name=name, exact=True).count() == 0, name
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 800})
    page.get_by_role("button", name="Menu").press("Enter")
    assert nav.get_by_role("link", name=sorted(shown)[0], exact=True).is_visible()
    assert_fits_width(page, 390)


def test_10_no_raw_status_json_in_the_footer_and_one_forgot_password_link(page):
    page.goto(page.base + "/accounts/login/")
    footer = page.get_by_role("contentinfo")
    assert footer.get_by_role("link", name="Status").count() == 0
    assert page.locator("a[href='/healthz']").count() == 0
    assert page.get_by_role("link", name=re.compile("forgot your password", re.I)).count() == 1
    assert_accessible(page)


def test_10_demo_people_log_in_to_the_app_not_the_welcome_wizard(page):
    call_command("seed_demo")
    for email in ("maya.mentor@demo.slipstream.local", CAREERS_STAFF_EMAIL):
        user = User.objects.get(email=email)
        user.set_password(DEFAULT_PASSWORD)
        user.save()
        log_in_with_password(page, user)
        page.wait_for_load_state("networkidle")
        assert "/welcome/" not in page.url
        page.context.clear_cookies()


def test_10_start_drafting_carries_the_role_and_the_wizard_does_not_ask_it_again(page):
    page.goto(page.base + "/accounts/signup/?role=mentor")
    assert page.get_by_label(re.compile(r"^\s*Mentor")).is_checked()
    assert not page.get_by_label(re.compile(r"^\s*Drafter")).is_checked()

    page.goto(page.base + "/")
    page.get_by_role("link", name="Start drafting").click()
    assert page.get_by_label(re.compile(r"^\s*Drafter")).is_checked()
    assert not page.get_by_label(re.compile(r"^\s*Mentor")).is_checked()
    page.get_by_label("Email").fill("lin@example.org")
    page.get_by_label("Password:", exact=True).fill("a-very-decent-passphrase-42")
    page.get_by_label("Password (again):").fill("a-very-decent-passphrase-42")
    page.get_by_role("button", name=re.compile("Create my account", re.I)).click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base + "/accounts" + link.split("/accounts", 1)[1])
    confirm = page.get_by_role("button", name="Confirm")
    if confirm.count():  # one click confirms once allauth confirms on GET
        confirm.click()
    page.wait_for_url("**/welcome/")
    expect(page.locator("[data-joined-as]")).to_have_text(
        "You joined as a drafter. You can change this in Settings."
    )
    assert page.get_by_role("group", name="I am here as").count() == 0
    assert_accessible(page)
