"""What a career-office walk found, fixed: the student's log is honest and short, and the
/careers/ page answers each act where it was taken, asks before undoable acts, can be jumped
through, and says its numbers in words that agree."""

import re

from django.test import Client
from playwright.sync_api import expect

from accounts.models import InstitutionMembership
from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Engagement
from tests.browser.conftest import assert_accessible, assert_fits_width, confirm
from tests.careers.conftest import make_office, make_student
from tests.factories import EngagementFactory, MembershipFactory, TaskFactory, UserFactory


def log_in(page, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def _shoot(page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"/tmp/f4-{name}-{width}.png", full_page=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=f"/tmp/f4-{name}-{width}-top.png")
        page.evaluate("window.scrollTo(0, 2500)")
        page.screenshot(path=f"/tmp/f4-{name}-{width}-scrolled.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_students_log_counts_anonymous_totals_once_a_day_and_times_reads(page):
    office = make_office()
    noah = make_student(
        office, "Noah Kim", scopes=["participation", "evaluations", "stipend_amounts"]
    )
    EngagementFactory(drafter=noah)
    careers_summary_rebuild()
    key = {"Authorization": f"Api-Key {office.key.secret}"}
    for _ in range(3):
        page.request.get(page.base + "/api/v1/careers/reports/summary/", headers=key)
    page.request.get(page.base + "/api/v1/careers/students/", headers=key)

    log_in(page, noah)
    page.goto(page.base + "/settings/institutions/")
    lines = page.locator("[data-disclosures] li")
    expect(lines).to_have_count(2)

    read, counted = lines.nth(0).inner_text(), lines.nth(1).inner_text()
    assert re.search(
        r"read your name, programme, class year, skills.* — \d+ \w{3} \d{4}, \d{2}:\d{2}$", read
    )
    assert "counted you in anonymous totals of participation and stipend amounts" in counted
    assert re.search(r", 3 times \(last at \d{2}:\d{2}\)$", counted)  # three reads, one line
    assert "outcomes" not in read + counted  # Noah does not share them
    assert_accessible(page)
    _shoot(page, "institutions")


def test_careers_page_acts_in_place_asks_first_and_agrees_with_itself(page):
    office = make_office()
    office.admin.profile.display_name = "Ana Ruiz"
    office.admin.profile.save()
    lee = UserFactory(email="lee@northfield.edu")
    lee.profile.display_name = "Lee Park"
    lee.profile.save()
    MembershipFactory(
        user=lee,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    quiet = make_student(office, "Quiet Amounts", scopes=["participation"])
    EngagementFactory(drafter=quiet, application__task=TaskFactory(stipend_amount=30000))
    for i in range(21):
        EngagementFactory(
            drafter=make_student(office, f"Student {i}"),
            state=Engagement.State.COMPLETED,
        )
    careers_summary_rebuild()
    TaskFactory(title="Code a survey dashboard")

    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    expect(page.locator("[data-status]")).not_to_contain_text("Loading")

    # One menu near the top reaches every part of the long page.
    jump = page.get_by_role("navigation", name="On this page")
    for name in ("At a glance", "Students", "Engagements", "Featured"):
        expect(jump.get_by_role("link", name=name, exact=True)).to_be_visible()

    # Words that agree with the numbers.
    page.get_by_role("img", name=re.compile(r"From application to outcome \(students\)")).wait_for()
    expect(page.locator("[data-headline]")).to_contain_text("Engagements with a stipend")
    expect(
        page.get_by_role("form", name="Show figures for:").get_by_label("Programme")
    ).to_be_visible()

    # Students come 10 at a time and engagements 5, so a phone's page stays short.
    expect(page.locator("[data-students] tr")).to_have_count(10)
    engagements = page.locator("[data-engagements] tr")
    expect(engagements).to_have_count(5)
    for shown in (10, 15, 20, 22):
        page.get_by_role("button", name="Show more engagements").click()
        expect(engagements).to_have_count(shown)
    quiet_row = page.locator("[data-engagements] tr", has_text="Quiet Amounts")
    expect(quiet_row).to_contain_text("Stipend (amount not shared)")

    # Headers never break inside a word.
    header = page.locator("[data-engagements-table] th", has_text="Outcomes")
    assert header.evaluate("th => getComputedStyle(th).overflowWrap") == "normal"

    # Featuring from the search: the result says so, and the featured card says what happened.
    page.get_by_role("searchbox", name="Find a task").fill("survey")
    page.get_by_role("search", name="Find a task to feature").get_by_role(
        "button", name="Search"
    ).click()
    page.get_by_role("button", name="Feature “Code a survey dashboard”").click()
    results = page.locator("[data-task-results]")
    expect(results).to_contain_text("Featured ✓")
    expect(page.locator('[data-say="featured"]')).to_contain_text("is featured for your students")
    expect(page.locator("[data-status]")).to_have_text("")

    # The office's settings have their own page, with their own menu.
    page.goto(page.base + "/careers/settings/")
    jump = page.get_by_role("navigation", name="On this page")
    for name in ("API keys", "Roster", "Sign-in", "Log"):
        expect(jump.get_by_role("link", name=name, exact=True)).to_be_visible()
    # Once every section has drawn (the status line empties): a click while they still open
    # moves the link from under the pointer (seen on a loaded machine).
    expect(page.locator("[data-status]")).to_have_text("")
    jump.get_by_role("link", name="Colleagues").click()
    expect(page).to_have_url(re.compile("#colleagues-heading$"))

    # Colleagues: you are marked; the only admin has no Remove; removing asks, and answers here.
    colleagues = page.locator("[data-colleague-list]")
    expect(colleagues).to_contain_text("Ana Ruiz (you)")
    assert colleagues.get_by_role("button", name=re.compile("Remove Ana|Leave")).count() == 0
    expect(colleagues.locator("[data-only-admin]")).to_have_text(
        "Only admin — make a colleague admin before you step down"
    )
    page.get_by_role("button", name="Remove Lee Park").click()
    confirm(page, "Remove Lee Park")
    expect(page.locator('[data-say="colleagues"]')).to_contain_text("Lee Park was removed")
    expect(colleagues).not_to_contain_text("Lee Park")

    # Revoking a key asks first; going back keeps it.
    page.get_by_label("Key name").fill("Handshake sync")
    page.get_by_role("button", name="Create key").click()
    expect(page.locator('[data-say="keys"]')).to_contain_text("Handshake sync")
    page.get_by_role("button", name="Revoke Handshake sync").click()
    confirm(page, "Go back")
    kept = page.locator("[data-keys] tr", has_text="Handshake sync")
    expect(kept.locator("td[data-label=Status]")).to_have_text("Active")

    assert_accessible(page)
    assert_fits_width(page)
    _shoot(page, "careers")


def test_a_pending_office_says_why_roles_cannot_change_yet(page):
    office = make_office()
    office.institution.status = "pending"
    office.institution.save()
    lee = UserFactory(email="lee@northfield.edu")
    MembershipFactory(
        user=lee,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )

    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")

    expect(page.locator("[data-colleague-note]")).to_contain_text("once Slipstream approves")
    colleagues = page.locator("[data-colleague-list]")
    expect(colleagues.locator("li")).to_have_count(2)
    assert colleagues.get_by_role("button").count() == 0
    assert colleagues.get_by_role("combobox").count() == 0
