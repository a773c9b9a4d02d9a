"""Career-office staff, the walk's last points (issue 19): a second staffer at an office already
on Slipstream is sent to a colleague, not to a form that refuses them; "At a glance" counts
engagements with a stipend and unpaid ones apart from students; on a phone each student keeps
programme, class year and outcomes on a second line; a term under way says so; the chart tables
have real headers; copying the key answers; the only admin's row says why it has no menu; a
filtered engagements list never claims "5+"."""

import re
from pathlib import Path

from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import Institution
from accounts.services.institutions import institution_membership_on_email_verified
from projects.models import Engagement
from projects.services.report_back import report_back_create
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, TaskFactory, UserFactory

SCREENS = Path("/tmp/f1")
SCOPES = ["participation", "evaluations", "stipend_amounts", "outcomes"]


def _office_with_students(count: int = 7):
    office = staff_only_office_admin()
    for i in range(count):
        student = make_student(
            office, f"Student {i:02d}", scopes=SCOPES, programme="Economics", class_year=2026
        )
        EngagementFactory(
            application__drafter=student,
            application__task=TaskFactory(
                title=f"Summarise report {i}", stipend_amount=15000 if i < 3 else None
            ),
            state=Engagement.State.COMPLETED,
        )
    call_command("careers_rebuild_summary", verbosity=0)
    return office


def test_a_second_staffer_at_an_office_already_here_is_sent_to_a_colleague(page):
    staff_only_office_admin()
    kim = UserFactory(email="kim.office@riverbend.edu")
    kim.profile.joins_career_office = True
    kim.profile.wants_to_draft = kim.profile.wants_to_mentor = False
    kim.profile.save()
    institution_membership_on_email_verified(user=kim, email=kim.email)
    log_in(page, kim)

    page.goto(page.base + "/careers/")

    already = page.locator("[data-already]")
    expect(already.get_by_role("heading")).to_have_text(
        "Riverbend University's career office is already on Slipstream"
    )
    expect(already).to_contain_text(
        "A colleague there can invite you from Office settings → Colleagues."
    )
    expect(page.locator("[data-create]")).to_be_hidden()
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "kim-careers")

    already.get_by_role("button", name="This is a different office at the same university").click()
    expect(
        page.get_by_role("heading", name="Bring your career office to Slipstream")
    ).to_be_focused()
    expect(page.locator("[data-create]")).to_contain_text(
        "Each e-mail domain belongs to one office."
    )
    expect(page.locator("#your-name-help")).to_have_text(
        "Students and colleagues see your name; students never see your e-mail address."
    )


def test_at_a_glance_counts_engagements_not_students_and_tables_have_real_headers(page):
    office = _office_with_students()
    log_in(page, office.admin)

    page.goto(page.base + "/careers/")

    headline = page.locator("[data-headline]")
    expect(headline.locator("dt")).to_have_text(
        [
            "Students taking part",
            "Engagements",
            "Completion rate",
            "Engagements with a stipend",
            "Unpaid engagements",
        ]
    )
    expect(headline.locator("dd")).to_have_text(["7", "7", "100%", "3", "4"])
    # The term of today's engagements is not over: its rate says so.
    completion = page.locator("[data-chart=completion]")
    completion.get_by_text("Show as a table").click()
    table = completion.get_by_role("table", name="Completion rate by term", exact=True)
    expect(table.locator("thead th")).to_have_text(["Term", "Completion rate"])
    expect(table.locator("tbody td")).to_have_text(["100% (in progress)"])
    participation = page.locator("[data-chart=participation]")
    participation.get_by_text("Show as a table").click()
    expect(participation.locator("thead th")).to_have_text(["Month", "Students taking part"])
    expect(page.get_by_text("(table)")).to_have_count(0)
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "priya-careers")


def test_on_a_phone_each_student_shows_programme_year_and_outcomes(page):
    office = _office_with_students(count=12)
    first = Engagement.objects.get(application__drafter__profile__display_name="Student 00")
    report_back_create(
        engagement_id=first.pk, author=first.drafter, outcomes=["introduction", "referral"]
    )
    call_command("careers_rebuild_summary", verbosity=0)
    log_in(page, office.admin)
    page.set_viewport_size({"width": 390, "height": 900})

    page.goto(page.base + "/careers/")

    rows = page.locator("[data-students] tr")
    expect(rows).to_have_count(10)
    with_outcomes = rows.filter(has_text="Student 00")
    expect(with_outcomes.locator(".student-summary")).to_have_text(
        "Economics · 2026 · Outcomes: 1 introduction, 1 referral"
    )
    expect(rows.filter(has_text="Student 01").locator(".student-summary")).to_have_text(
        "Economics · 2026 · No outcomes yet"
    )
    for row in rows.all():
        box = row.bounding_box()
        # name, drafts and last activity on one line; the summary on one or two (it wraps
        # when a student has several kinds of outcome)
        assert box and box["height"] < 100, row.inner_text()
    page.locator("[data-chart] svg").first.wait_for()
    page.locator("[data-engagements] tr").first.wait_for()
    height = page.evaluate("document.body.scrollHeight")
    assert height < 5500, height
    assert_accessible(page)
    page.screenshot(path=SCREENS / "priya-careers-390.png", full_page=True)

    # On a wide screen the columns say it, and the summary line is not repeated.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(with_outcomes.locator(".student-summary")).to_be_hidden()
    expect(with_outcomes.locator("td[data-label='Programme']")).to_be_visible()


def test_a_filtered_engagements_list_says_more_than_five_match_not_five_plus(page):
    office = _office_with_students()
    log_in(page, office.admin)

    page.goto(page.base + "/careers/?state=completed")

    expect(page.locator("[data-engagement-summary]")).to_have_text(
        "Filtered by Completed: more than 5 match — showing the first 5."
    )
    page.get_by_role("button", name="Show more engagements").click()
    expect(page.locator("[data-engagement-summary]")).to_have_text(
        "Filtered by Completed: 7 engagements match."
    )


def test_copying_the_key_answers_on_the_button_and_the_only_admin_row_says_why(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    page.goto(page.base + "/careers/settings/")

    colleagues = page.locator("[data-colleague-list]")
    expect(colleagues.locator("[data-only-admin]")).to_have_text(
        "Only admin — make a colleague admin before you step down"
    )
    expect(page.locator("[data-colleague-note]")).to_be_hidden()
    page.get_by_label("Key name").fill("Handshake sync")
    page.get_by_role("button", name="Create key").click()
    copy = page.get_by_role("button", name=re.compile("^Copy"))
    copy.click()
    expect(page.locator("[data-new-key]").get_by_role("button", name="Copied ✓")).to_be_visible()
    expect(page.locator("[data-copy-status]")).to_contain_text("Copied.")
    expect(page.get_by_role("button", name="Copy the key")).to_be_visible(timeout=4000)
    shoot_both_widths(page, SCREENS, "priya-settings")

    # Revoking asks in a dialog over a dimmed page.
    page.get_by_role("button", name="Revoke Handshake sync").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    backdrop = dialog.evaluate("d => getComputedStyle(d, '::backdrop').backgroundColor")
    assert backdrop not in ("rgba(0, 0, 0, 0)", "transparent"), backdrop
    page.screenshot(path=SCREENS / "priya-revoke-dialog.png")


def test_the_waiting_page_ends_its_list_with_a_full_stop(page):
    office = staff_only_office_admin()
    office.institution.status = Institution.Status.PENDING
    office.institution.save(update_fields=["status"])
    log_in(page, office.admin)

    page.goto(page.base + "/careers/")

    last = page.locator("[data-pending] li").last
    expect(last).to_have_text("see what your dashboard will show.")
