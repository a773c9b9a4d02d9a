"""Career-office staff sign in → dashboard with charts (and their tables) → create an API key
→ the key works against the API → revoke it on the page → it stops working. axe clean.
And the dashboard reads true: one filter narrows the figures and both lists, a hidden month is
hatched (not zero) at a fixed small height, an empty list says so once with Clear all filters,
the engagements' own Clear filters keeps the page's filter, the exports follow the filter and say
it, and the office's pages say "Engagements" (never "Drafts")."""

import csv
import json
import re
import urllib.error
import urllib.request
from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect
from rest_framework.test import APIClient

from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Engagement, Feedback
from tests.browser.careers_pages import staff_only_office_admin
from tests.browser.conftest import assert_accessible, assert_fits_width, confirm
from tests.browser.first_use import log_in
from tests.careers.conftest import ALL_SCOPES, make_office, make_student
from tests.factories import DEFAULT_PASSWORD, EngagementFactory, SkillFactory, TaskFactory

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _api(base: str, key: str) -> int:
    request = urllib.request.Request(  # noqa: S310 — the test's own live server
        f"{base}/api/v1/careers/students/", headers={"Authorization": f"Api-Key {key}"}
    )
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310
            json.loads(response.read())
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_staff_dashboard_charts_and_key_lifecycle(page):
    office = make_office()
    python = SkillFactory(name="Python")
    students = []
    for i in range(6):
        # Student 3 shares everything but the mentor's ratings.
        scopes = ["participation", "stipend_amounts"] if i == 3 else ALL_SCOPES
        student = make_student(office, f"Student {i}", scopes=scopes, programme="Economics")
        students.append(student)
        engagement = EngagementFactory(
            drafter=student,
            application__task=TaskFactory(skills=[python], stipend_amount=20000 if i % 2 else None),
            state=Engagement.State.COMPLETED if i < 4 else Engagement.State.ACTIVE,
        )
        if i in (2, 3):  # the mentor rated both drafts
            Feedback.objects.create(
                engagement=engagement,
                author=engagement.mentor,
                subject=student,
                rating=5,
                competencies={"communication": 4, "teamwork": 5},
            )
    careers_summary_rebuild()  # the factories write past the services that keep it in step

    page.goto(page.base + "/accounts/login/?next=/careers/")
    page.get_by_label("Email").fill(office.admin.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url("**/careers/")
    page.get_by_role("heading", name="Northfield University: career office").wait_for()

    # Headline numbers and four charts, each an SVG image with a table alternative.
    page.locator("[data-headline]").get_by_text("Students taking part").wait_for()
    charts = page.locator("[data-chart] svg[role=img]")
    charts.first.wait_for()
    assert charts.count() == 5  # the funnel, then four
    participation = page.get_by_role("img", name=re.compile("Participation over time"))
    assert participation.is_visible()
    page.get_by_text("Show as a table").nth(2).click()
    assert page.get_by_role("table", name=re.compile("Completion rate by term")).is_visible()
    assert page.locator("[data-headline]").inner_text().count("6") >= 1
    assert_accessible(page)

    # The engagements list shows the ratings its read returned (Student 2 shares them), and
    # nothing for Student 3, who does not; each student's log says just that.
    def engagement_of(name: str):
        return page.locator("[data-engagements] tr").filter(
            has=page.get_by_role("link", name=name, exact=True)
        )

    expect(engagement_of("Student 2").locator("[data-ratings]")).to_have_text(
        re.compile(r"^Rated by the mentor: Communication:\s4\.0\s/\s5, Teamwork:\s5\.0\s/\s5$")
    )
    expect(engagement_of("Student 3")).to_have_count(1)
    expect(engagement_of("Student 3").locator("[data-ratings]")).to_have_count(0)
    for student, told in ((students[2], True), (students[3], False)):
        client = APIClient()
        client.force_authenticate(student)
        lines = client.get("/api/v1/me/disclosures/days/").json()["results"]
        dashboard = [line["description"] for line in lines if line["kind"] == "dashboard"]
        assert dashboard
        assert any("ratings" in line for line in dashboard) is told

    # Filters: a programme with all six students keeps the numbers.
    page.get_by_role("form", name="Show figures for:").get_by_label("Programme").select_option(
        "Economics"
    )
    page.get_by_role("button", name="Apply").click()
    assert_accessible(page)

    # Create a key: shown once; it works against the API.
    page.goto(page.base + "/careers/settings/")
    page.get_by_label("Key name").fill("Handshake sync")
    page.get_by_role("button", name="Create key").click()
    shown = page.locator("[data-new-key-value]")
    expect(shown).to_contain_text("slk_")
    secret = shown.inner_text()
    page.get_by_role("cell", name="Handshake sync", exact=True).wait_for()
    assert _api(page.base, secret) == 200

    # Revoke it on the page: it stops working at once.
    page.get_by_role("button", name="Revoke Handshake sync").click()
    confirm(page, "Revoke Handshake sync")
    page.get_by_role("cell", name="Revoked", exact=True).wait_for()
    assert _api(page.base, secret) == 401
    assert_accessible(page)
    assert_fits_width(page)


def _office_of_two_programmes():
    """Six Economics students (class of 2027) drafting this month; two History students (class
    of 2026) who drafted two months ago, a month with fewer than 5 and so hidden. Econ 0 and
    Hana also share outcomes (so they are in the first-destination file)."""
    office = staff_only_office_admin()
    for i in range(6):
        scopes = [*ALL_SCOPES, "outcomes"] if i == 0 else ALL_SCOPES
        student = make_student(
            office, f"Econ {i}", scopes=scopes, programme="Economics", class_year=2027
        )
        EngagementFactory(
            drafter=student,
            application__task=TaskFactory(title=f"Price a menu {i}"),
            state=Engagement.State.COMPLETED,
        )
    now = datetime.now(UTC)
    year, month = (now.year, now.month - 2) if now.month > 2 else (now.year - 1, now.month + 10)
    with time_machine.travel(datetime(year, month, 15, 12, tzinfo=UTC)):
        for name in ("Hana History", "Ivo History"):
            scopes = [*ALL_SCOPES, "outcomes"] if name == "Hana History" else ALL_SCOPES
            student = make_student(
                office, name, scopes=scopes, programme="History", class_year=2026
            )
            EngagementFactory(drafter=student, application__task=TaskFactory(title=f"{name} task"))
    careers_summary_rebuild()
    return office, f"{MONTHS[month - 1]} {year}"


def test_one_filter_narrows_the_page_a_hidden_month_is_hatched_and_empty_says_it_once(page):
    office, quiet_month = _office_of_two_programmes()
    task = TaskFactory(title="Summarise three reports")
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")

    # The month with two students is drawn hatched with "<5", said in words, and explained.
    participation = page.locator("[data-chart=participation]")
    expect(participation.locator("svg [data-hidden-bar]")).to_have_count(1)
    # A fixed marker, not a bar as high as some number of students would stand.
    assert participation.locator("svg [data-hidden-bar]").get_attribute("height") == "10"
    expect(participation.locator("figcaption")).to_contain_text("began an engagement")
    expect(page.locator("[data-students-table] thead")).to_contain_text("Engagements")
    expect(page.locator("[data-students-table] thead")).not_to_contain_text("Drafts")
    expect(participation.locator("svg")).to_contain_text("<5")
    expect(participation.locator("desc")).to_contain_text(f"{quiet_month}: fewer than 5 (hidden)")
    expect(participation.locator("[data-chart-legend]")).to_contain_text(
        "fewer than 5 students, so the figure is hidden to protect their privacy (not zero)"
    )
    expect(page.locator("[data-students] tr")).to_have_count(8)

    # Show figures for History: the students and engagements lists follow, and say so.
    filters = page.get_by_role("form", name="Show figures for:")
    filters.get_by_label("Programme").select_option("History")
    filters.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"major=History"))
    students = page.locator("[data-students] tr")
    expect(students).to_have_count(2)
    expect(page.locator("[data-students]")).not_to_contain_text("Econ")
    expect(page.locator("[data-students-filter-note]")).to_have_text(
        "Filtered by History: 2 students match."
    )
    engagements = page.locator("[data-engagements] tr")
    expect(engagements).to_have_count(2)
    expect(page.locator("[data-engagement-summary]")).to_have_text(
        "Filtered by History: 2 engagements match."
    )
    # Two students: the figures are hidden, and the page says the names stay.
    expect(page.locator("[data-small-group-names]")).to_have_text(
        "Its sharing students are still listed by name below: a small group hides only its totals."
    )

    # The exports follow the filter and name it: the summary's first row and all three file names.
    export = page.get_by_role("region", name="Export")
    with page.expect_download() as summary:
        export.get_by_role("button", name="Download summary (CSV)").click()
    assert summary.value.suggested_filename == "careers-summary-history.csv"
    with open(summary.value.path(), encoding="utf-8") as file:
        assert next(csv.DictReader(file))["group"] == "History"
    with page.expect_download() as destination:
        export.get_by_role("button", name="Download first-destination (CSV)").click()
    assert destination.value.suggested_filename == "first-destination-history.csv"
    with page.expect_download() as students_file:
        export.get_by_role("button", name="Download students (CSV)").click()
    assert students_file.value.suggested_filename == "careers-students-history.csv"
    with open(destination.value.path(), encoding="utf-8") as file:
        names = sorted(row["name"] for row in csv.DictReader(file))
    assert names == ["Hana History"]  # not Econ 0, who shares outcomes too

    # The engagements' own Clear filters clears only theirs: History stays.
    region = page.get_by_role("region", name="Engagements")
    region.get_by_label("State").select_option("active")
    page.wait_for_url(re.compile(r"state=active"))
    region.get_by_role("button", name="Clear filters", exact=True).click()
    page.wait_for_url(lambda url: "state=" not in url)
    assert "major=History" in page.url
    expect(filters.get_by_label("Programme")).to_have_value("History")
    expect(page.locator("[data-engagement-summary]")).to_have_text(
        "Filtered by History: 2 engagements match."
    )

    # Nothing matches: said once, in the table, with the way out.
    page.get_by_role("region", name="Engagements").get_by_label("State").select_option("completed")
    page.wait_for_url(re.compile(r"state=completed"))
    assert "major=History" in page.url and "programme=" not in page.url  # one filter, one name
    no_match = page.locator("[data-engagements] tr.no-match")
    expect(no_match).to_have_text(
        re.compile(r"^No engagement matches History and Completed\. Clear all filters to see")
    )
    expect(page.locator("[data-engagement-summary]")).to_be_hidden()
    expect(region.get_by_text(re.compile("match", re.I))).to_have_count(1)
    assert_accessible(page)

    # Clear all filters: the page's filter, the table's, the URL; both lists whole again.
    no_match.get_by_role("button", name="Clear all filters").click()
    expect(students).to_have_count(8)
    expect(engagements).to_have_count(5)
    expect(filters.get_by_label("Programme")).to_have_value("")
    expect(page.get_by_label("State")).to_have_value("")
    expect(page.locator("[data-students-filter-note]")).to_be_hidden()
    assert "?" not in page.url

    # On a phone the month labels turn upright and the year still shows under them.
    page.set_viewport_size({"width": 390, "height": 900})
    expect(participation.locator("svg [data-chart-year]").first).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})

    # A new "Show figures for" shows other figures: the last download's line goes with them,
    # whether the filter is applied or cleared.
    status = export.locator("[data-export-status]")
    expect(status).to_have_text("")  # cleared by Clear all filters above
    with page.expect_download():
        export.get_by_role("button", name="Download summary (CSV)").click()
    expect(status).to_have_text("Downloaded the summary (CSV) as careers-summary.csv.")
    filters.get_by_label("Programme").select_option("History")
    filters.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"major=History"))
    expect(status).to_have_text("")

    # On a task page the answer under Stop featuring sits clear of the button.
    page.goto(page.base + f"/tasks/{task.pk}/")
    box = page.locator("[data-feature-task]")
    box.get_by_role("button", name="Feature for your students").click()
    said = box.get_by_role("status")
    expect(said).to_contain_text("Done: your students now see")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        button = box.get_by_role("button", name="Stop featuring").bounding_box()
        gap = said.bounding_box()["y"] - (button["y"] + button["height"])
        assert gap >= 8, (width, gap)

    # The dashboard's featured row says since when and by whom; stopping it there turns the
    # search result's "Featured ✓" back into a Feature button.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base + "/careers/")
    featured = page.locator("[data-featured] li")
    expect(featured).to_contain_text("Featured since")
    expect(featured).to_contain_text("by Priya Shah")
    page.get_by_role("search", name="Find a task to feature").get_by_label("Find a task").fill(
        "Summarise"
    )
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("[data-task-results]")
    expect(results).to_contain_text("Featured ✓")
    featured.get_by_role("button", name="Stop featuring Summarise three reports").click()
    expect(results.get_by_role("button", name="Feature “Summarise three reports”")).to_be_visible()
    expect(results).not_to_contain_text("Featured ✓")
    expect(page.locator("[data-featured]")).to_contain_text("No featured tasks.")
