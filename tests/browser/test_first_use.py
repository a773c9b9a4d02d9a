"""Issue 13, "First use, finished": one test per numbered point not already proven by the
journeys (points 1, 2 and the rating/competency/timeline polish live in test_drafting_journey;
the guard over every page in test_every_page; e-mails in tests/frontend/test_emails.py)."""

import re

from playwright.sync_api import expect

from accounts.models import Skill
from accounts.services.profiles import profile_update
from accounts.skill_catalogue import STARTER_SKILLS
from projects.models import Application, Task
from projects.services.applications import application_create
from projects.services.conversations import message_send
from tests.browser.conftest import assert_accessible
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import (
    MembershipFactory,
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
)


def _mentor(name="Leo Brandt", **profile):
    user = UserFactory(finish__display_name=name)
    profile_update(user=user, data={"wants_to_mentor": True, "wants_to_draft": False, **profile})
    return user


def _drafter(name="Sam Drafter"):
    user = UserFactory(finish__display_name=name)
    profile_update(user=user, data={"wants_to_draft": True, "wants_to_mentor": False})
    return user


def test_3_task_editor_offers_the_whole_catalogue_and_saving_keeps_every_skill(page):
    # The whole starter catalogue (browser tests flush what the migration loaded).
    for names in STARTER_SKILLS.values():
        for name in names:
            SkillFactory(name=name)
    assert Skill.objects.count() > 300
    mentor = _mentor()
    task = TaskFactory(mentor=mentor, skills=[SkillFactory(name="Python")])
    log_in(page, mentor)
    page.goto(f"{page.base}/tasks/{task.pk}/edit/")
    chosen = page.get_by_role("list", name="Skills wanted")
    chosen.get_by_text("Python", exact=True).wait_for()
    # "Data analysis" sorts past the first 50 skills (".NET" … "Calendar management").
    page.get_by_label("Add a skill").fill("data ana")
    page.get_by_role("button", name=re.compile("^Data analysis")).click()
    chosen.get_by_text("Data analysis", exact=True).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Saved.").wait_for()
    assert set(Task.objects.get(pk=task.pk).skills.values_list("name", flat=True)) == {
        "Python",
        "Data analysis",
    }


def test_4_browse_filters_by_skill_names_and_chips_filter_too(page):
    TaskFactory(title="Clean the survey data", skills=[SkillFactory(name="Data analysis")])
    TaskFactory(title="Write the newsletter", skills=[SkillFactory(name="Copywriting")])
    page.goto(page.base + "/tasks/")
    page.get_by_role("searchbox", name="Skills").fill("data ana")
    page.get_by_role("button", name=re.compile("^Data analysis")).click()
    page.get_by_role("button", name="Show tasks").click()
    page.get_by_text("1 open task").wait_for()
    assert "skills=Data+analysis" in page.url
    assert page.get_by_role("link", name="Clean the survey data").is_visible()
    assert not page.get_by_role("link", name="Write the newsletter").is_visible()
    # A chip on a card is a link to the tasks needing that skill, by its printed name.
    page.goto(page.base + "/tasks/")
    page.get_by_role("link", name="Copywriting", exact=True).click()
    page.get_by_text("1 open task").wait_for()
    assert page.get_by_role("link", name="Write the newsletter").is_visible()
    filtering = page.get_by_role("list", name="Skills to filter by")
    assert filtering.get_by_text("Copywriting", exact=True).is_visible()
    assert_accessible(page)


def test_5_welcome_wizard_asks_a_mentor_for_a_name_not_a_portfolio_and_only_once(page):
    mentor = _mentor(name="")
    log_in(page, mentor)
    page.wait_for_url("**/welcome/")
    page.get_by_text("Step 1 of 3: About you").wait_for()  # no "first piece of work" step
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Add your name: it is the first thing people see.").wait_for()
    expect(page.get_by_label("Name")).to_be_focused()
    page.get_by_label("Name").fill("Leo Brandt")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Step 2 of 3: Skills").wait_for()
    page.get_by_role("button", name="Skip this step").click()
    page.get_by_text("Step 3 of 3: Offers from drafters").wait_for()
    page.locator("[data-skip-offers]").click()
    page.get_by_role("heading", name="You are set up").wait_for()
    assert page.get_by_role("main").get_by_role("link", name="Post a task").is_visible()
    assert_accessible(page)
    # A returning member is not sent back to the wizard.
    log_out(page)
    log_in(page, mentor)
    assert "/welcome/" not in page.url


def test_6_dashboard_follows_the_persons_role(page):
    drafter = _drafter()
    log_in(page, drafter)
    page.goto(page.base + "/dashboard/")
    actions = page.locator("[data-main-actions]")
    actions.get_by_role("link", name="Browse tasks").wait_for()
    assert actions.get_by_role("link", name="Post a task").count() == 0
    assert not page.get_by_role("heading", name="Mentoring").is_visible()
    assert page.get_by_text("You have not applied to anything yet").is_visible()
    log_out(page)

    mentor = _mentor()
    TaskFactory(mentor=mentor, title="Tidy the research repository")
    log_in(page, mentor)
    page.goto(page.base + "/dashboard/")
    actions.get_by_role("link", name="Post a task").wait_for()
    page.get_by_role("link", name="Tidy the research repository").wait_for()
    assert not page.get_by_text("You have not applied").is_visible()
    assert not page.get_by_role("heading", name="Drafting").is_visible()
    assert_accessible(page)


def test_7_accepting_asks_first_in_a_dialog_that_holds_and_returns_focus(page):
    mentor = _mentor()
    task = TaskFactory(mentor=mentor)
    drafter = _drafter()
    item = PortfolioItemFactory(owner=drafter)
    application_create(task_id=task.pk, drafter=drafter, note="Keen.", portfolio_item_ids=[item.pk])
    log_in(page, mentor)
    page.goto(f"{page.base}/tasks/{task.pk}/")
    # The applicant's name leads to their profile.
    assert page.get_by_role("link", name="Sam Drafter", exact=True).get_attribute("href") == (
        f"/u/{drafter.profile.handle}/"
    )
    accept = page.get_by_role("button", name="Accept Sam Drafter")
    accept.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Accept Sam Drafter?")
    dialog.wait_for()
    expect(dialog.get_by_role("button", name="Go back")).to_be_focused()
    for _ in range(4):  # Tab cycles inside the dialog; the page under it is inert
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('dialog')")
    assert_accessible(page)
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    expect(accept).to_be_focused()
    assert Application.objects.get().state == "submitted"  # nothing happened


def test_8_trust_signals_on_cards_task_pages_and_a_mentors_profile(page):
    mentor = _mentor(organisation="Northwind Research", job_title="Head of Research")
    TaskFactory(mentor=mentor, title="Code twenty interview transcripts")
    page.goto(page.base + "/tasks/")
    card = page.locator(".task-card", has_text="Code twenty interview transcripts")
    card.get_by_text("Northwind Research").wait_for()
    assert card.get_by_role("link", name="Leo Brandt").is_visible()
    assert card.locator(".avatar").count() == 1
    card.get_by_role("link", name="Code twenty interview transcripts").click()
    facts = page.get_by_role("list", name="About Leo Brandt")
    facts.get_by_text("Head of Research, Northwind Research").wait_for()
    # A mentor with no completed draft yet is new, not "0 drafts completed" (issue 22).
    assert facts.get_by_text("New on Slipstream").is_visible()
    assert facts.get_by_text("0 drafts completed").count() == 0
    # ...and since when, in one fact that reads as two ("New on Slipstream member since" ran on).
    assert facts.get_by_text(
        re.compile(r"^New on Slipstream\u00a0· Member since \d+ \w{3} \d{4}$")
    ).is_visible()
    assert page.get_by_text(re.compile(r"Posted \d+ \w{3} \d{4} · 0 applicants")).is_visible()
    page.get_by_role("link", name="Leo Brandt").first.click()
    page.get_by_role("heading", name="Open tasks").wait_for()
    page.get_by_role("link", name="Code twenty interview transcripts").wait_for()
    # A mentor is not shown a drafter's empty states.
    assert not page.get_by_text("No verified experience yet").is_visible()
    assert not page.get_by_text("No public work yet").is_visible()
    assert_accessible(page)


def test_9_publishing_says_what_next_and_errors_speak_plainly_on_the_field(page):
    mentor = _mentor()
    log_in(page, mentor)
    page.goto(page.base + "/tasks/new/")
    buttons = page.locator("[data-task-form] .button-row button")
    expect(buttons.first).to_have_text("Save and publish")  # the main act comes first
    assert "button-secondary" not in (buttons.first.get_attribute("class") or "")
    page.get_by_label("Title", exact=True).fill("Summarise ten papers")
    page.get_by_role("button", name="Save and publish").click()
    hours = page.get_by_label("Estimated hours")
    expect(page.get_by_label("Description")).to_be_focused()  # the first field in error
    expect(hours).to_have_attribute("aria-invalid", "true")
    main = page.locator("main").inner_text()
    assert "may not be null" not in main and "This field" not in main
    page.get_by_text("Fill this in.").first.wait_for()
    page.get_by_label("Description").fill("Ten papers, one page each.")
    hours.fill("5")
    page.get_by_label("What the helper will gain").fill("Co-author credit.")
    page.get_by_role("button", name="Save and publish").click()
    done = page.get_by_role("status").filter(has_text="Published.")
    expect(done).to_be_focused()
    assert done.get_by_role("link", name="Follow applications from your dashboard").is_visible()
    assert page.title() == "Summarise ten papers · Slipstream"


def test_10_phones_get_results_first_folded_filters_a_menu_and_big_targets(page):
    TaskFactory(title="Check a budget spreadsheet")
    user = _drafter()
    MembershipFactory(user=user)  # the institution filter shows only to a member
    log_in(page, user)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(page.base + "/tasks/")
    count = page.get_by_text("1 open task")
    count.wait_for()
    card = page.get_by_role("link", name="Check a budget spreadsheet")
    assert count.bounding_box()["y"] < card.bounding_box()["y"] < 500  # results before filters
    assert not page.get_by_label("Search", exact=True).is_visible()
    toggle = page.get_by_role("button", name="Filters")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    checkbox = page.get_by_label("Only tasks for my institution")
    assert checkbox.bounding_box()["height"] >= 24
    # The navigation folds behind one Menu button instead of wrapping onto two rows.
    assert not page.get_by_role("link", name="Dashboard").is_visible()
    page.get_by_role("button", name="Menu").click()
    for link in page.locator("#site-nav a").all():
        if link.is_visible():  # the account menu's links stay folded until it is opened
            assert link.bounding_box()["height"] >= 24
    assert page.get_by_role("link", name="Dashboard").is_visible()
    assert_accessible(page)


def test_11_polish_counts_titles_and_navigation(page):
    task = TaskFactory(title="Label a photo archive", slots=1)
    drafter = _drafter()
    log_in(page, drafter)
    page.goto(page.base + "/tasks/")
    page.get_by_text("1 place open").first.wait_for()
    nav = page.get_by_role("navigation", name="Main")
    page.locator("[data-account-menu] > summary").click()  # Payouts is in the account menu
    assert nav.get_by_role("link", name="Payouts").is_visible()
    # Issue 22: a drafter-only person has no mentor's Ledger in the nav (Payouts links to it).
    assert nav.get_by_role("link", name="Ledger").count() == 0
    page.goto(f"{page.base}/tasks/{task.pk}/")
    page.get_by_role("heading", name="Label a photo archive").wait_for()
    assert page.title() == "Label a photo archive · Slipstream"
    page.goto(page.base + "/ledger/")
    page.wait_for_load_state("networkidle")
    assert "entries shown" not in page.locator("main").inner_text().replace("0 entries", "")


def test_messages_inbox_lists_every_thread_with_unread_counts_and_the_nav_says_so(page):
    mentor = _mentor()
    task = TaskFactory(mentor=mentor, title="Transcribe a workshop")
    drafter = _drafter()
    item = PortfolioItemFactory(owner=drafter)
    application = application_create(
        task_id=task.pk, drafter=drafter, note="Happy to.", portfolio_item_ids=[item.pk]
    )
    message_send(sender=drafter, body="Is the audio in English?", application_id=application.pk)
    message_send(sender=drafter, body="And how long is it?", application_id=application.pk)
    log_in(page, mentor)
    page.goto(page.base + "/dashboard/")
    page.get_by_role("link", name=re.compile("You have 2 unread messages")).click()
    page.wait_for_url("**/messages/")
    row = page.locator(".inbox-row", has_text="Transcribe a workshop")
    row.get_by_text("2 unread messages").wait_for()
    assert row.get_by_text("And how long is it?").is_visible()
    assert_accessible(page)
    row.get_by_role("link", name=re.compile("Sam Drafter")).click()
    page.get_by_text("Is the audio in English?").wait_for()
    page.wait_for_url(re.compile(rf"/applications/{application.pk}/"))
