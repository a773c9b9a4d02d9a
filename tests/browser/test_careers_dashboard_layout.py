"""The career-office dashboard reads on a phone (issue 19): /careers/ keeps the figures, the
office's settings (keys, colleagues, roster, university sign-in, the disclosure log) have their
own page, students are one-line rows, the section menu is one line; a new staff member gives
their name and the institution in one form; the figures' filter bar says what it filters; the
log's last entries read in plain words; the one-time key shows under its button."""

import re
from pathlib import Path

from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import InstitutionMembership
from projects.models import Engagement
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, MembershipFactory, TaskFactory, UserFactory

SCREENS = Path("test-artifacts/screens/careers-layout")
SETTINGS_HEADINGS = [
    "Colleagues",
    "API keys",
    "Invite students from a roster",
    "University sign-in (SAML)",
    "Disclosure log",
]


def _office_with_students(count: int = 12):
    office = staff_only_office_admin()
    for i in range(count):
        student = make_student(office, f"Student {i:02d}", programme="Economics", class_year=2027)
        EngagementFactory(
            application__drafter=student,
            application__task=TaskFactory(title=f"Summarise report {i}"),
            state=Engagement.State.COMPLETED,
        )
    call_command("careers_rebuild_summary", verbosity=0)
    return office


def _viewer(office):
    viewer = UserFactory(email="lee@riverbend.edu", finish__display_name="Lee Park")
    MembershipFactory(
        user=viewer,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    return viewer


def test_the_dashboard_keeps_the_figures_and_links_to_its_own_settings_page(page):
    office = _office_with_students()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    page.locator("[data-students] a").first.wait_for()

    main = page.get_by_role("main")
    for heading in ["At a glance", "Charts", "Export", "Students", "Engagements", "Featured tasks"]:
        expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    for heading in SETTINGS_HEADINGS:
        expect(main.get_by_role("heading", name=heading, exact=True)).to_have_count(0)

    main.get_by_role("link", name="Office settings").click()
    page.wait_for_url("**/careers/settings/")
    expect(page).to_have_title(re.compile("Office settings"))
    for heading in SETTINGS_HEADINGS:
        expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name="At a glance")).to_have_count(0)
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "settings-admin")

    main.get_by_role("link", name="Back to the dashboard").click()
    page.wait_for_url("**/careers/")
    expect(main.get_by_role("heading", name="At a glance")).to_be_visible()


def test_on_a_phone_the_dashboard_is_short_with_one_line_students_and_menu(page):
    office = _office_with_students()
    log_in(page, office.admin)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(page.base + "/careers/")
    rows = page.locator("[data-students] tr")
    expect(rows).to_have_count(10)
    page.locator("[data-chart] svg").first.wait_for()
    page.locator("[data-engagements] tr").first.wait_for()

    # Each student is one short row: name, drafts and last activity side by side, then one line
    # of programme, class year and outcomes (test_careers_final_points).
    for row in rows.all():
        box = row.bounding_box()
        assert box and box["height"] < 80, row.inner_text()
    first = rows.first
    expect(first.locator("td[data-label='Name']")).to_be_visible()
    expect(first.locator("td[data-label='Engagements']")).to_be_visible()
    expect(first.locator("td[data-label='Last activity']")).to_be_visible()
    expect(first.locator("td[data-label='Programme']")).to_be_hidden()  # in the summary line

    # The section menu is one line (it scrolls sideways), and a jump keeps the heading in view.
    menu = page.get_by_role("navigation", name="On this page")
    links = menu.get_by_role("link")
    tops = {round(link.bounding_box()["y"]) for link in links.all()}
    assert len(tops) == 1, tops
    assert menu.bounding_box()["height"] < 50
    menu.get_by_role("link", name="Students").click()
    page.wait_for_timeout(300)
    heading = page.get_by_role("heading", name="Students", exact=True).bounding_box()
    assert heading["y"] >= menu.bounding_box()["y"] + menu.bounding_box()["height"] - 1

    height = page.evaluate("document.body.scrollHeight")
    # 5,500: each student's row has its summary line (programme, class year, outcomes) since
    # issue 19's last walk, about 20 px a student.
    assert height < 5500, height
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "dashboard-phone")


def test_a_viewer_sees_the_settings_a_viewer_sees(page):
    office = _office_with_students(0)
    log_in(page, _viewer(office))
    page.goto(page.base + "/careers/settings/")

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Colleagues")).to_be_visible()
    expect(main.get_by_role("heading", name="Disclosure log")).to_be_visible()
    expect(page.locator("[data-colleague-list]")).to_contain_text("Lee Park")
    expect(page.locator("[data-log]")).to_contain_text("Nothing yet")  # viewers read the log
    for heading in ["API keys", "Invite students from a roster", "University sign-in (SAML)"]:
        expect(main.get_by_role("heading", name=heading)).to_be_hidden()
    menu = page.get_by_role("navigation", name="On this page")
    expect(menu.get_by_role("link", name="API keys")).to_be_hidden()
    expect(page.get_by_role("button", name="Send invitation")).to_be_hidden()


def test_the_disclosure_log_groups_a_days_reads_in_plain_words_beside_the_csv(page):
    office = _office_with_students(5)
    for _ in range(12):  # the office's own system syncs
        assert office.key_client().get("/api/v1/careers/students/").status_code == 200
    staff = office.staff_client()
    for _ in range(2):  # two dashboard visits: five raw rows each
        for group in ("month", "term", "skill"):
            staff.get(f"/api/v1/careers/reports/summary/?group_by={group}")
        staff.get("/api/v1/careers/students/")
        staff.get("/api/v1/careers/engagements/")
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")

    log = page.get_by_role(
        "table",
        name="The latest reads of student data by your office, "
        "one line per day, person and kind of read",
    )
    rows = log.locator("tbody tr")
    expect(rows).to_have_count(2)
    dashboard = rows.filter(has_text="Viewed the dashboard")
    expect(dashboard.locator("td[data-label='What']")).to_have_text(
        re.compile(r"^Viewed the dashboard \(figures, students(, engagements)?\)$")
    )
    expect(dashboard.locator("td[data-label='When']")).to_contain_text("2 times (last at ")
    system = rows.filter(has_text="through the API")
    expect(system.locator("td[data-label='Who']")).to_have_text(
        re.compile(r"^API key: Sync job \(\w+…\)$")
    )
    expect(system.locator("td[data-label='What']")).to_have_text("Read students through the API")
    expect(system.locator("td[data-label='When']")).to_contain_text("12 times (last at ")
    expect(system.locator("td[data-label='When'] time")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d\d-\d\dT")
    )
    link = page.get_by_role("link", name="Download the full log (CSV)")
    expect(link).to_have_attribute("href", "/api/v1/careers/disclosures.csv")


def test_an_office_nobody_read_yet_says_so_in_its_log(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")

    expect(page.locator("[data-log]")).to_contain_text(
        "Nothing yet: no student data has reached your office."
    )


def test_the_new_key_shows_right_under_the_create_key_button(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")

    page.get_by_label("Key name").fill("Handshake sync")
    button = page.get_by_role("button", name="Create key")
    button.click()
    box = page.locator("[data-new-key]")
    expect(box).to_be_visible()
    expect(page.locator("[data-keys] tr", has_text="Handshake sync")).to_be_visible()
    expect(box.locator("[data-new-key-value]")).to_contain_text("slk_")
    below = box.bounding_box()["y"] - (button.bounding_box()["y"] + button.bounding_box()["height"])
    assert 0 <= below < 40, below
    expect(box.get_by_role("button", name="Copy the key")).to_be_focused()


def test_the_figures_filter_bar_says_what_it_filters(page):
    office = _office_with_students(6)
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")

    bar = page.get_by_role("form", name="Show figures for:")
    expect(bar).to_be_visible()
    expect(bar.get_by_label("Term")).to_be_visible()
    expect(bar.get_by_label("Programme")).to_be_visible()
    expect(bar.get_by_label("Class year")).to_contain_text("2027")
    expect(bar).to_contain_text(
        "These choices filter the whole page: At a glance, the charts, the three CSV files and the "
        "students and engagements lists below."
    )
    bar.get_by_label("Class year").select_option("2027")
    bar.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"class_year=2027"))
    expect(page.locator("[data-headline]")).to_contain_text("6")
    expect(page.locator("[data-students-filter-note]")).to_contain_text("class of 2027")


def test_a_new_staff_member_names_themself_and_creates_the_office_in_one_form(page):
    ana = UserFactory(email="ana@lakeside.edu", finish__display_name="")
    ana.profile.wants_to_draft, ana.profile.joins_career_office = False, True
    ana.profile.save()
    log_in(page, ana)
    page.goto(page.base + "/careers/")

    form = page.locator("[data-create-form]")
    expect(page.locator("[data-careers] form:visible")).to_have_count(1)
    expect(form.locator("button")).to_have_count(1)  # one submit for name and institution
    expect(page.get_by_role("button", name="Save my name")).to_have_count(0)
    # Without a name: said beside the name field, nothing sent.
    form.get_by_label("Institution name").fill("Lakeside College")
    form.get_by_label("E-mail domains").fill("lakeside.org")
    form.get_by_role("button", name="Create institution").click()
    expect(page.locator("#your-name-error")).to_contain_text("Give your name")

    # The name saves, the institution is refused beside its domains; nothing typed is lost.
    form.get_by_label("Your name").fill("Ana Ruiz")
    form.get_by_role("button", name="Create institution").click()
    expect(page.locator("#inst-domains-error")).to_contain_text(
        "Verify an address on lakeside.org on your account first"
    )
    expect(form.get_by_label("Your name")).to_have_value("Ana Ruiz")
    expect(form.get_by_label("Institution name")).to_have_value("Lakeside College")
    ana.profile.refresh_from_db()
    assert ana.profile.display_name == "Ana Ruiz"

    # Fixed, the second try goes through; while it runs the button says so and waits.
    held = []  # the create request, answered once the button has been checked

    def hold_the_create(route):
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route("**/api/v1/institutions/", hold_the_create)
    form.get_by_label("E-mail domains").fill("lakeside.edu")
    button = form.get_by_role("button", name=re.compile("Create institution|Creating"))
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/institutions/")):
        button.click()
    expect(button).to_have_text("Creating…")
    expect(button).to_be_disabled()
    assert held, "the create request is under way"
    held[0].continue_()
    expect(page.get_by_role("heading", name="Your office is waiting for approval")).to_be_visible()
    expect(page.get_by_role("link", name="Office settings")).to_be_visible()
    shoot_both_widths(page, SCREENS, "new-office-waiting")


def test_staff_of_an_office_who_came_in_without_a_name_are_asked_for_one(page):
    office = staff_only_office_admin()
    nameless = UserFactory(email="sam@riverbend.edu", finish__display_name="")
    MembershipFactory(
        user=nameless,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    log_in(page, nameless)
    page.goto(page.base + "/careers/")

    card = page.get_by_role("region", name="How colleagues and students see you")
    card.get_by_label("Name shown to colleagues and students").fill("Sam Lee")
    card.get_by_role("button", name="Save my name").click()
    expect(page.locator("[data-status]")).to_contain_text("Thanks, Sam Lee")
    expect(card).to_be_hidden()
    expect(page.locator("[data-create]")).to_be_hidden()
    nameless.profile.refresh_from_db()
    assert nameless.profile.display_name == "Sam Lee"
