"""Career-office staff, the walk's last four points (issue 19): a programme under the threshold
is one notice with the way back, not a wall of hidden cells; Export offers the first-destination
file; the students file carries the table's outcomes and last activity, formula-safe; the
student's "who saw your data" counts a day's dashboard visits truly, across "Show earlier"."""

import csv
import io
import re
from pathlib import Path

import time_machine
from playwright.sync_api import expect

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.services.staff_invitations import staff_invitation_create
from projects.careers.services.summary import careers_summary_rebuild
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

SCREENS = Path("/tmp/s2")
SCOPES = ["participation", "evaluations", "stipend_amounts", "outcomes"]


def _office_with_programmes():
    office = staff_only_office_admin()
    for n in range(5):
        EngagementFactory(
            drafter=make_student(
                office, f"Student {n}", scopes=SCOPES, programme="Computer Science"
            )
        )
    for name in ("Noah Kim", "Ada Park"):
        EngagementFactory(drafter=make_student(office, name, scopes=SCOPES, programme="Economics"))
    careers_summary_rebuild()  # factories write past the services that keep it in step
    return office


def test_a_programme_under_five_is_one_notice_with_the_way_back(page):
    office = _office_with_programmes()
    log_in(page, office.admin)

    page.goto(page.base + "/careers/?major=Economics")

    notice = page.locator("[data-small-group]")
    expect(notice).to_contain_text(
        "Economics has fewer than 5 sharing students taking part, so its figures are hidden."
    )
    expect(page.locator("[data-headline]")).to_be_hidden()
    expect(page.locator("[data-charts]")).to_be_hidden()
    expect(page.get_by_text("Nothing to show yet")).to_have_count(0)
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "careers-economics")

    notice.get_by_role("button", name="Show all programmes").click()

    expect(notice).to_be_hidden()
    expect(page.locator("[data-headline] dd").first).to_have_text("7")
    assert "major=" not in page.url


def test_export_offers_the_first_destination_file(page):
    office = _office_with_programmes()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download first-destination (CSV)").click()

    assert download.value.suggested_filename == "first-destination.csv"
    header = Path(download.value.path()).read_text().splitlines()[0]
    assert header.startswith("student_id,name,programme,class_year,drafts_completed")
    expect(page.locator("[data-export-status]")).to_have_text(
        "Downloaded the first-destination report (CSV) as first-destination.csv."
    )


def test_the_students_file_has_outcomes_and_last_activity_and_no_formulas(page):
    office = _office_with_programmes()
    make_student(office, "=HYPERLINK(evil)", scopes=["participation"])
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download students (CSV)").click()

    text = Path(download.value.path()).read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    by_name = {row["name"]: row for row in rows}
    noah = by_name["Noah Kim"]
    # The files' one quoting rule: a cell is quoted only when it must be, numbers never.
    assert '"' not in text.splitlines()[0] and "Noah Kim," in text
    assert noah["shares_outcomes"] == "yes" and noah["job_offer"] == "0"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", noah["last_activity"])
    # Participation only: no outcome figures at all, as in the table ("Not shared").
    quiet = by_name["'=HYPERLINK(evil)"]
    assert quiet["shares_outcomes"] == "no" and quiet["job_offer"] == ""


def test_the_students_log_keeps_a_days_count_when_earlier_days_load(page):
    office = staff_only_office_admin()
    noah = make_student(office, "Noah Kim", scopes=SCOPES)
    client = office.staff_client()
    for day in range(1, 10):
        with time_machine.travel(f"2026-11-{day:02d} 10:00Z", tick=False):
            for _ in range(3):  # a dashboard visit: three summary reads and the students list
                for group in ("month", "term", "skill"):
                    client.get(f"/api/v1/careers/reports/summary/?group_by={group}")
                client.get("/api/v1/careers/students/")

    log_in(page, noah)
    page.goto(page.base + "/settings/institutions/")
    lines = page.locator("[data-disclosures] li")
    expect(lines).to_have_count(7)
    first = lines.first.inner_text()
    assert first.startswith(
        "Priya Shah at Riverbend University's career office viewed your name, "
        "programme, class year, skills"
    )
    assert "on the office dashboard — 9 Nov 2026, 3 times" in first

    page.get_by_role("button", name="Show earlier").click()

    expect(lines).to_have_count(9)
    assert lines.first.inner_text() == first
    assert "1 Nov 2026, 3 times" in lines.last.inner_text()
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "student-log")


def test_a_viewer_is_told_admins_feature_and_code_words_stay_whole(page):
    office = staff_only_office_admin()
    lee = UserFactory(email="lee.park@riverbend.edu")
    lee.profile.display_name = "Lee Park"
    lee.profile.save()
    MembershipFactory(
        user=lee,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    log_in(page, lee)
    page.goto(page.base + "/careers/")

    featured = page.locator("section", has=page.get_by_role("heading", name="Featured tasks"))
    expect(featured.locator("[data-feature-admins]")).to_be_visible()
    expect(featured.locator("[data-feature-admins]")).to_have_text(
        "Your office's admins feature tasks and stop featuring them; you see what is featured."
    )
    expect(featured.locator("[data-featured]")).to_have_text("No featured tasks yet.")
    expect(featured.get_by_text("Feature for your students")).to_be_hidden()


def test_the_join_page_names_the_invited_address_signed_out(page):
    office = staff_only_office_admin()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email="lee.park@riverbend.edu",
        staff_role="viewer",
    )
    page.goto(page.base + "/" + issued.link.split("://", 1)[1].split("/", 1)[1])

    words = page.locator("[data-signup-words]")
    expect(words).to_have_text(
        "New to Slipstream? Create an account with lee.park@riverbend.edu (filled in for you): "
        "it needs no confirmation e-mail, since this invitation reached that inbox, and you "
        "come straight back here to accept."
    )
    expect(page.get_by_text("any address works")).to_have_count(0)
    shoot_both_widths(page, SCREENS, "join-signed-out")


def test_the_api_key_header_never_breaks_inside_a_word(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")
    page.set_viewport_size({"width": 390, "height": 900})
    expect(page.locator("[data-keys-section]")).to_be_visible()

    for code in page.locator("[data-keys-section] p.muted code").all():
        box = code.bounding_box()
        assert box and box["height"] < 30, code.inner_text()  # one line each


def test_a_claimed_domain_names_the_address_to_write_to_as_a_link(page):
    staff_only_office_admin()  # Riverbend holds riverbend.edu
    ana = UserFactory(email="ana@riverbend.edu")
    ana.profile.wants_to_draft = False
    ana.profile.joins_career_office = True
    ana.profile.save()
    log_in(page, ana)
    page.goto(page.base + "/careers/")

    form = page.locator("[data-create-form]")
    form.get_by_label("Institution name").fill("Riverbend University")
    form.get_by_label("E-mail domains").fill("riverbend.edu")
    form.get_by_role("button", name="Create institution").click()

    link = form.locator(".field-error").get_by_role("link", name="hello@slipstream.local")
    expect(link).to_have_attribute("href", "mailto:hello@slipstream.local")
    expect(form.locator(".field-error")).to_contain_text(
        "riverbend.edu already belongs to an institution on Slipstream; if it is yours, write to"
    )
