"""The office's disclosure log names the student whose page was read (issue 19): one line per day,
reader and student, "Opened Noah Kim's participation page", 2 times; once the student stops
sharing with the office, the line no longer shows their name."""

from pathlib import Path

from playwright.sync_api import expect

from accounts.models import Consent
from accounts.services.consent import consent_revoke
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student

SCREENS = Path("test-artifacts/screens/careers-log")


def test_the_log_names_the_student_read_until_they_stop_sharing(page):
    office = staff_only_office_admin()
    noah = make_student(office, "Noah Kim")
    make_student(office, "Ana Ruiz")
    staff = office.staff_client()
    students = staff.get("/api/v1/careers/students/").json()["results"]
    ids = {s["name"]: s["id"] for s in students}
    for name in ("Noah Kim", "Noah Kim", "Ana Ruiz"):
        staff.get(f"/api/v1/careers/students/{ids[name]}/participation/")
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")

    rows = page.locator("[data-log] tr")
    noah_row = rows.filter(has_text="Opened Noah Kim's participation page")
    expect(noah_row.locator("td[data-label='Who']")).to_have_text("Priya Shah")
    expect(noah_row.locator("td[data-label='When']")).to_contain_text("2 times (last at ")
    expect(rows.filter(has_text="Opened Ana Ruiz's participation page")).to_have_count(1)
    shoot_both_widths(page, SCREENS, "log-names")

    consent = Consent.objects.get(student=noah, revoked_at__isnull=True)
    consent_revoke(student=noah, consent_id=consent.pk)
    page.reload()

    expect(
        rows.filter(
            has_text="Opened the participation page of a student who no longer shares with "
            "your office"
        )
    ).to_have_count(1)
    expect(page.locator("[data-log]")).not_to_contain_text("Noah")
