"""Issue 22, the last walk's findings outside the wizard and offers pages, in real Chromium: a
nameless mentor is asked for their name in the task editor (1), /invitations/ speaks to each
reader (3), the task page's mentor card shows a verified work domain (4), the fee line is said
once on a phone (6), and the e-mailed link opened in a fresh browser says it worked (7)."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.services.profiles import profile_update
from accounts.services.work_email import profile_work_domain_refresh
from projects.models import Invitation, Task
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.first_use import log_in, person
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

WIDTHS = (1280, 390)
PASSWORD = "a-very-decent-passphrase-42"


@pytest.fixture(autouse=True)
def _fee(settings):
    settings.PLATFORM_FEE_PERCENT = 10


# Point 1: the name is asked where the task is written, not refused at the end.


def test_1_a_nameless_mentor_is_asked_for_their_name_in_the_editor_and_publishes(page):
    mentor = person("", draft=False, mentor=True)
    log_in(page, mentor)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(page.base + "/tasks/new/")
    name = page.get_by_label("Your name")
    expect(name).to_be_visible()
    assert_fits_width(page, 390)
    assert_accessible(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Title", exact=True).fill("Proofread a grant proposal")
    page.get_by_label("Description").fill("Twelve pages; track changes in the shared document.")
    page.get_by_label("Estimated hours").fill("3")
    page.get_by_label("What the helper will gain").fill("A reference letter.")
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator("#t-display-name-error")).to_have_text(
        "Add your name: drafters see it on your task before they apply."
    )
    expect(name).to_be_focused()
    assert not Task.objects.filter(mentor=mentor).exists()  # nothing saved half-way
    assert_accessible(page)

    name.fill("Ada Park")
    expect(page.locator("#t-display-name-error")).to_have_count(0)  # cleared as it is fixed
    page.get_by_role("button", name="Save and publish").click()
    page.wait_for_url(re.compile(r"/tasks/\d+/$"))
    expect(page.locator("[data-task-mentor]")).to_contain_text("Posted by Ada Park")
    assert Task.objects.get(mentor=mentor).state == Task.State.OPEN
    mentor.profile.refresh_from_db()
    assert mentor.profile.display_name == "Ada Park"


def test_1_a_named_mentor_is_not_asked_again(page):
    log_in(page, person("Maya Okafor", draft=False, mentor=True))
    page.goto(page.base + "/tasks/new/")
    page.get_by_label("Title", exact=True).wait_for()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Your name")).to_be_hidden()


def test_1_a_nameless_drafter_gives_their_name_on_the_apply_form(page):
    task = TaskFactory(title="Tidy a survey export")
    drafter = person("")
    log_in(page, drafter)
    page.goto(f"{page.base}/tasks/{task.pk}/")
    page.get_by_label("Your note").fill("I cleaned a 3,000-row survey for my society last term.")
    page.get_by_label("Link to a work sample").fill("https://example.org/survey")
    page.get_by_role("button", name="Send application").click()
    expect(page.locator("#apply-name-error")).to_contain_text("Add your name to apply")
    expect(page.get_by_label("Your name")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Sam Lee")
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url(re.compile(r"/applications/\d+/"))
    drafter.profile.refresh_from_db()
    assert drafter.profile.display_name == "Sam Lee"


# Point 2: the demo's /mentors/ shows real cards.


def test_2_a_demo_drafter_finds_credible_mentors_open_to_offers(page):
    call_command("seed_demo")
    log_in(page, UserFactory._meta.model.objects.get(email="sam.drafter@demo.slipstream.local"))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/mentors/")
        maya = page.locator(".offer-mentor-card").filter(has_text="Maya Okafor")
        expect(maya).to_contain_text("Principal product designer, Ledgerline")
        expect(maya).to_contain_text("✓ Verified at ledgerline.demo")
        expect(maya.get_by_role("link", name=re.compile("^Offer to help"))).to_be_visible()
        assert page.locator(".offer-mentor-card").count() >= 5
        assert_fits_width(page, width)
        assert_accessible(page)


# Point 3: each reader sees their own side of invitations.


def _invitations():
    mentor = person("Maya Okafor", draft=False, mentor=True)
    drafter = person("Sam Rivera")
    task = TaskFactory(mentor=mentor, title="Fix our Python scraper")
    Invitation.objects.create(
        task=task, mentor=mentor, drafter=drafter, note="Your scraper work fits.",
        reasons=["Matches 1 of your skills: Python"],
    )  # fmt: skip
    applied = person("Bo Chen")
    Invitation.objects.create(task=task, mentor=mentor, drafter=applied)
    ApplicationFactory(task=task, drafter=applied)
    return mentor, drafter


def test_3_a_mentor_reads_the_invitations_they_sent(page):
    mentor, _ = _invitations()
    log_in(page, mentor)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/invitations/")
        sent = page.get_by_role("region", name="Invitations you sent")
        expect(sent).to_contain_text("You invited Sam Rivera")
        expect(sent).to_contain_text("Waiting for Sam Rivera to apply or decline.")
        expect(
            sent.get_by_role("link", name="Bo Chen applied — review the application")
        ).to_be_visible()
        text = page.locator("main").inner_text()
        for wrong in ("invited you", "Apply to", "Mentors can invite you", "You decide", "Decline"):
            assert wrong not in text, wrong
        expect(page.get_by_role("region", name="Invitations you received")).to_have_count(0)
        assert_fits_width(page, width)
        assert_accessible(page)


def test_3_a_drafter_reads_the_invitations_they_received(page):
    _, drafter = _invitations()
    log_in(page, drafter)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/invitations/")
        received = page.get_by_role("region", name="Invitations you received")
        expect(received).to_contain_text("Maya Okafor invited you")
        expect(
            received.get_by_role("link", name="Apply to “Fix our Python scraper”")
        ).to_be_visible()
        text = page.locator("main").inner_text()
        for wrong in (
            "You invited",
            "Waiting for",
            "review the application",
            "Invitations you sent",
        ):
            assert wrong not in text, wrong
        assert_fits_width(page, width)
        assert_accessible(page)


# Point 4: who is asking, on the task page.


def test_4_the_task_page_mentor_card_shows_title_organisation_and_verified_domain(page):
    mentor = person("Maya Okafor", draft=False, mentor=True)
    profile_update(user=mentor, data={"organisation": "Acme", "job_title": "Design lead"})
    EmailAddress.objects.create(user=mentor, email="maya@acme.com", verified=True)
    profile_work_domain_refresh(user=mentor)
    task = TaskFactory(mentor=mentor, title="Review one sign-up flow")
    log_in(page, person("Sam Rivera"))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base}/tasks/{task.pk}/")
        card = page.locator("[data-task-mentor]")
        expect(card).to_contain_text("Design lead, Acme")
        expect(card.locator("[data-verified-domain]")).to_have_text("✓ Verified at acme.com")
        assert "maya@acme.com" not in card.inner_text()
        assert_fits_width(page, width)
        assert_accessible(page)
    page.goto(page.base + "/tasks/")
    expect(page.locator(".task-card").filter(has_text=task.title)).to_contain_text(
        "Verified at acme.com"
    )


# Point 6: the platform fee, once.


def test_6_the_fee_line_is_beside_the_stipend_and_send_application_at_both_widths(page):
    task = TaskFactory(
        title="Fact-check a grant proposal", stipend_amount=15000, stipend_currency="usd",
        what_you_gain="A reference letter", deadline=datetime.date(2027, 3, 15),
    )  # fmt: skip
    log_in(page, person("Sam Rivera"))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base}/tasks/{task.pk}/")
        page.locator("[data-apply-form]").wait_for()
        # Where the stipend is read (the top box) and where the drafter decides (the form).
        line = "You receive $135.00 after the 10% platform fee."
        expect(page.locator("[data-task-reward] [data-fee-line]")).to_have_text(line)
        expect(page.locator("[data-apply-form] [data-fee-line]")).to_have_text(line)
        expect(page.locator("[data-task-reward]")).to_contain_text("Stipend: $150.00")
        assert_fits_width(page, width)
        assert_accessible(page)


# Point 7: the e-mailed link in a browser where nobody is signed in.


def test_7_the_link_in_a_fresh_browser_confirms_says_so_and_leads_to_the_wizard(page):
    page.goto(page.base + "/accounts/signup/?role=drafter")
    page.get_by_label("Email").fill("lin@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Create my account", re.I)).click()
    page.get_by_role("heading", name="Confirm your e-mail address").wait_for()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)

    fresh = page.context.browser.new_context()
    other = fresh.new_page()
    other.goto(page.base + "/accounts" + link.split("/accounts", 1)[1])
    other.wait_for_url("**/accounts/login/")
    expect(other.get_by_text("Your address is confirmed — sign in to continue.")).to_be_visible()
    assert EmailAddress.objects.get(email="lin@example.org").verified
    assert_accessible(other)
    other.get_by_label("Email").fill("lin@example.org")
    other.get_by_label("Password:", exact=True).fill(PASSWORD)
    other.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    other.wait_for_url("**/welcome/")
    fresh.close()
