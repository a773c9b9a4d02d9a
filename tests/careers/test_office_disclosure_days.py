"""The office's own disclosure log reads in lines, not raw rows: a dashboard visit (three summary
reads and two lists) is one line "viewed the dashboard (figures, students, engagements)" with the
day's count of visits; readers and kinds of read are separate lines; a student's page is one
line per student, named only while they still share with the office; pages are whole days; only
staff read it."""

import csv
import io

import pytest
import time_machine

from accounts.models import Consent
from accounts.services.consent import consent_revoke
from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_office, make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/careers/disclosures/days/"


def _dashboard_visit(office) -> None:
    """What /careers/ reads on each load."""
    client = office.staff_client()
    for group in ("month", "term", "skill"):
        client.get(f"/api/v1/careers/reports/summary/?group_by={group}")
    client.get("/api/v1/careers/students/")
    client.get("/api/v1/careers/engagements/")


def test_a_days_dashboard_visits_are_one_line_with_the_count_of_visits(office):
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        noah = make_student(office, "Noah Kim")
        EngagementFactory(drafter=noah)
        careers_summary_rebuild()  # factories write past the services that keep it in step
        for _ in range(3):
            _dashboard_visit(office)
    with time_machine.travel("2026-12-07 14:05Z", tick=False):
        _dashboard_visit(office)

    (line,) = office.staff_client().get(URL).json()["results"]

    assert line["day"] == "2026-12-07"
    assert line["kind"] == "dashboard"
    assert line["count"] == 4
    assert line["last_at"].startswith("2026-12-07T14:05")
    assert line["by"] == {"kind": "staff", "name": "Northfield University careers"}
    assert line["what"] == "Viewed the dashboard (figures, students, engagements)"
    assert line["description"] == (
        "Northfield University careers viewed the dashboard (figures, students, engagements)"
    )


def test_readers_and_kinds_of_read_are_separate_lines_and_each_students_page_its_own(office):
    staff = office.staff_client()
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        EngagementFactory(drafter=make_student(office, "Noah Kim"))
        make_student(office, "Ana Ruiz")
        careers_summary_rebuild()
        ids = [s["id"] for s in staff.get("/api/v1/careers/students/").json()["results"]]
        for sid in (*ids, ids[0]):
            staff.get(f"/api/v1/careers/students/{sid}/participation/")
        staff.get("/api/v1/careers/reports/summary.csv?group_by=term")
        office.key_client().get("/api/v1/careers/students/")
        office.key_client().get("/api/v1/careers/engagements/")

    lines = office.staff_client().get(URL).json()["results"]

    pages = {line["what"]: line["count"] for line in lines if line["kind"] == "student_page"}
    assert pages == {
        "Opened Noah Kim's participation page": 2,
        "Opened Ana Ruiz's participation page": 1,
    }
    by_kind = {line["kind"]: line for line in lines}
    # One student: the file hid every figure, and its line never tells the count it hid.
    assert by_kind["export"]["what"] == (
        "Downloaded the summary (CSV): every figure hidden (fewer than 5 students)"
    )
    assert by_kind["system"]["by"]["kind"] == "api_key"
    assert by_kind["system"]["count"] == 2
    assert by_kind["system"]["description"].startswith("API key “Sync job (")
    assert by_kind["system"]["what"] == "Read students and engagements through the API"
    assert by_kind["dashboard"]["what"] == "Viewed the dashboard (students)"


def test_pages_are_whole_days_newest_first(office):
    make_student(office, "Noah Kim")
    for day in range(1, 10):
        with time_machine.travel(f"2026-11-{day:02d} 10:00Z", tick=False):
            for _ in range(day):
                office.staff_client().get("/api/v1/careers/students/")
    client = office.staff_client()

    first = client.get(URL).json()
    second = client.get(first["next"]).json()

    assert [line["count"] for line in first["results"]] == [9, 8, 7, 6, 5, 4, 3]
    assert [line["count"] for line in second["results"]] == [2, 1]
    assert second["next"] is None


def test_a_malformed_cursor_is_a_400_and_an_unknown_one_a_404(office):
    client = office.staff_client()

    assert client.get(URL, {"cursor": "not a cursor"}).status_code == 400
    assert client.get(URL, {"cursor": "eDoxMjM"}).status_code == 404


def test_only_the_offices_staff_read_it_never_a_key_nor_another_office(office):
    make_student(office, "Noah Kim")
    office.staff_client().get("/api/v1/careers/students/")
    other = make_office("Southfield College", "southfield.edu")

    assert office.key_client().get(URL).status_code == 403
    assert other.staff_client().get(URL).json()["results"] == []


def test_the_grouped_log_costs_the_same_queries_for_a_busy_week(
    office, django_assert_max_num_queries
):
    make_student(office, "Noah Kim")
    for day in range(1, 8):
        with time_machine.travel(f"2026-11-{day:02d} 10:00Z", tick=False):
            office.staff_client().get("/api/v1/careers/students/")
            office.key_client().get("/api/v1/careers/students/")
    client = office.staff_client()

    with django_assert_max_num_queries(5):  # access (2), days, lines, readers
        lines = client.get(URL).json()["results"]

    assert len(lines) == 14


def test_the_log_csv_names_the_students_it_read_beside_their_ids(office):
    make_student(office, "Noah Kim")
    make_student(office, "=HYPERLINK(1)")
    staff = office.staff_client()
    students = staff.get("/api/v1/careers/students/").json()["results"]
    noah, formula = sorted(students, key=lambda s: s["name"] != "Noah Kim")
    staff.get(f"/api/v1/careers/students/{formula['id']}/participation/")
    staff.get(f"/api/v1/careers/students/{noah['id']}/participation/")

    text = staff.get("/api/v1/careers/disclosures.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))

    assert [row["what"] for row in rows] == [
        "a student's participation",
        "a student's participation",
        "students list",
    ]
    assert rows[0]["endpoint"].endswith("/participation/")
    assert (rows[0]["students"], rows[0]["student_names"]) == (noah["id"], "Noah Kim")
    # A name that looks like a formula stays text in a spreadsheet.
    assert (rows[1]["students"], rows[1]["student_names"]) == (formula["id"], "'=HYPERLINK(1)")
    ids, names = rows[2]["students"].split(" "), rows[2]["student_names"].split("; ")
    names = dict(zip(ids, names, strict=True))
    assert names == {s["id"]: s["name"] for s in students}  # aligned with the ids


def _revoke(student) -> None:
    consent = Consent.objects.get(student=student, revoked_at__isnull=True)
    consent_revoke(student=student, consent_id=consent.pk)


def test_a_student_who_revoked_is_never_named_again_in_the_log_nor_its_csv(office):
    noah = make_student(office, "Noah Kim")
    staff = office.staff_client()
    (student,) = staff.get("/api/v1/careers/students/").json()["results"]
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        staff.get(f"/api/v1/careers/students/{student['id']}/participation/")
    named = [line["what"] for line in staff.get(URL).json()["results"]]

    _revoke(noah)

    (line,) = [line for line in staff.get(URL).json()["results"] if line["kind"] == "student_page"]
    text = staff.get("/api/v1/careers/disclosures.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "Opened Noah Kim's participation page" in named
    assert line["what"] == (
        "Opened the participation page of a student who no longer shares with your office"
    )
    assert line["description"] == (
        "Northfield University careers opened the participation page of a student who no "
        "longer shares with your office"
    )
    assert {row["student_names"] for row in rows} == {
        "a student who no longer shares with your office"
    }
    assert {row["students"] for row in rows} == {student["id"]}
    assert "Noah" not in text


def test_naming_the_students_read_costs_one_query_however_many(
    office, django_assert_max_num_queries
):
    for n in range(6):
        make_student(office, f"Student {n}")
    staff = office.staff_client()
    with time_machine.travel("2026-11-01 09:00Z", tick=False):
        ids = [s["id"] for s in staff.get("/api/v1/careers/students/").json()["results"]]
    for day in range(1, 8):
        with time_machine.travel(f"2026-11-{day:02d} 10:00Z", tick=False):
            for sid in ids:
                staff.get(f"/api/v1/careers/students/{sid}/participation/")

    with django_assert_max_num_queries(6):  # access (2), days, lines, readers, names
        lines = staff.get(URL).json()["results"]

    pages = [line for line in lines if line["kind"] == "student_page"]
    assert len(pages) == 7 * 6
    assert {line["what"] for line in pages} == {
        f"Opened Student {n}'s participation page" for n in range(6)
    }


def test_the_log_csv_costs_a_few_queries_per_batch_of_rows(office, django_assert_max_num_queries):
    for n in range(5):
        make_student(office, f"Student {n}")
    staff = office.staff_client()
    for _ in range(20):
        staff.get("/api/v1/careers/students/")

    with django_assert_max_num_queries(6):  # access (2), rows, their students, names, + 1
        response = staff.get("/api/v1/careers/disclosures.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 20
    assert all(len(row["student_names"].split("; ")) == 5 for row in rows)
