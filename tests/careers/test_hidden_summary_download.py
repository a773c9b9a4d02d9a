"""A downloaded summary whose every figure was hidden (fewer than 5 students) is logged as what
it was: the office's line says "every figure hidden (fewer than 5 students)" instead of a count
(the count is what the file hid), and the students are told nothing — no figure in the file shows
anything of theirs. A file with figures is logged and told as before."""

import csv
import io

import pytest
import time_machine
from rest_framework.test import APIClient

from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

OFFICE_LOG = "/api/v1/careers/disclosures/days/"
SUMMARY_CSV = "/api/v1/careers/reports/summary.csv"


def _students(office, count: int, programme: str = "Design") -> list:
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        students = [
            make_student(office, f"Student {programme} {i}", programme=programme)
            for i in range(count)
        ]
        for student in students:
            EngagementFactory(drafter=student)
        careers_summary_rebuild()
    return students


def _download(office, query: str = "") -> list[dict[str, str]]:
    with time_machine.travel("2026-12-07 10:00Z", tick=False):
        response = office.staff_client().get(f"{SUMMARY_CSV}?group_by=term{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _office_downloads(office) -> list[str]:
    lines = office.staff_client().get(OFFICE_LOG).json()["results"]
    return [line["what"] for line in lines if line["kind"] == "export"]


def _told(student) -> list[str]:
    client = APIClient()
    client.force_authenticate(student)
    days = client.get("/api/v1/me/disclosures/days/").json()["results"]
    flat = client.get("/api/v1/me/disclosures/").json()["results"]
    return [line["description"] for line in days] + [row["description"] for row in flat]


def test_the_offices_line_says_every_figure_was_hidden_and_not_how_many(office):
    _students(office, 4)

    rows = _download(office)

    assert all(row["suppressed"] == "true" for row in rows)
    assert _office_downloads(office) == [
        "Downloaded the summary (CSV): every figure hidden (fewer than 5 students)"
    ]


def test_the_offices_raw_log_does_not_give_away_how_many_a_hidden_file_hid(office):
    _students(office, 4)

    _download(office)

    rows = office.staff_client().get("/api/v1/careers/disclosures/").json()["results"]
    (hidden,) = [row for row in rows if row["endpoint"].startswith(SUMMARY_CSV)]
    assert hidden["student_count"] == 0


def test_a_filtered_hidden_file_names_its_filter(office):
    _students(office, 6, programme="Economics")
    _students(office, 2, programme="Design")

    _download(office, "&major=Design")

    assert _office_downloads(office) == [
        "Downloaded the summary (CSV): Design, every figure hidden (fewer than 5 students)"
    ]


def test_the_students_of_a_hidden_file_are_told_nothing(office):
    students = _students(office, 4)

    _download(office)

    assert all(_told(student) == [] for student in students)


def test_a_file_with_figures_is_counted_and_told_as_before(office):
    students = _students(office, 5)

    rows = _download(office)

    assert rows[0]["students"] == "5"
    assert _office_downloads(office) == ["Downloaded the summary (CSV): 5 students"]
    told = _told(students[0])
    assert any("counted you in a downloaded summary of participation" in line for line in told)


def test_the_raw_log_keeps_what_the_hidden_file_held(office):
    _students(office, 3)
    _download(office)

    text = office.staff_client().get("/api/v1/careers/disclosures.csv").content.decode()
    (row,) = list(csv.DictReader(io.StringIO(text)))

    assert (row["what"], row["fields"]) == (
        "summary figures (CSV)",
        "aggregate:every_figure_hidden",
    )
