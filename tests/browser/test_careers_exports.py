"""Career-office staff download the students list from the dashboard: the server writes the
file (the table's columns, formula-safe), the status line says what was downloaded, and the
office's log on the settings page says "Downloaded the students list (CSV)" on a line of its
own, apart from the summary downloaded the same day (issue 19)."""

import csv
import io
from pathlib import Path

from playwright.sync_api import expect

from projects.careers.services.summary import careers_summary_rebuild
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

SCREENS = Path("/tmp/h1")
SCOPES = ["participation", "evaluations", "stipend_amounts", "outcomes"]


def test_staff_download_the_students_list_and_the_log_says_so_apart_from_the_summary(page):
    office = staff_only_office_admin()
    for n in range(5):
        EngagementFactory(drafter=make_student(office, f"Student {n}", scopes=SCOPES))
    make_student(office, "=HYPERLINK(evil)", scopes=["participation"])
    careers_summary_rebuild()  # factories write past the services that keep it in step
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    status = page.locator("[data-export-status]")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download students (CSV)").click()

    assert download.value.suggested_filename == "careers-students.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert len(rows) == 6 and "'=HYPERLINK(evil)" in {row["name"] for row in rows}
    expect(status).to_have_text("Downloaded the students list (CSV) as careers-students.csv.")
    with page.expect_download():
        page.get_by_role("button", name="Download summary (CSV)").click()
    expect(status).to_have_text("Downloaded the summary (CSV) as careers-summary.csv.")
    status.scroll_into_view_if_needed()
    shoot_both_widths(page, SCREENS, "careers-export-status")

    page.goto(page.base + "/careers/settings/")

    log = page.locator("[data-log]")
    expect(log).to_contain_text("Downloaded the students list (CSV)")
    expect(log.locator("tr", has_text="Downloaded the students list (CSV)")).to_have_count(1)
    expect(log.locator("tr", has_text="Downloaded the summary (CSV)")).to_have_count(1)
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "careers-log-downloads")
