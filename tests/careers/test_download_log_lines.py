"""Each file the office downloads is its own line in both logs, in its own words: the office's
log says "Downloaded the students list (CSV)" or "Downloaded the summary (CSV)", never one line
merging two files; the student is told their row was in the downloaded list."""

import csv
import io

import pytest
import time_machine
from rest_framework.test import APIClient

from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.careers.test_outcomes import WITH_OUTCOMES, _completed_with_outcomes

pytestmark = pytest.mark.django_db

OFFICE_LOG = "/api/v1/careers/disclosures/days/"
STUDENT_LOG = "/api/v1/me/disclosures/days/"


def _download_every_file(office) -> None:
    """The students list twice, the summary and the first-destination file, all in one day."""
    client = office.staff_client()
    for _ in range(2):
        students = client.get("/api/v1/careers/students.csv")
        assert b"Noah Kim" in b"".join(students.streaming_content)
    for path in ("reports/summary.csv?group_by=term", "reports/first-destination.csv"):
        assert client.get(f"/api/v1/careers/{path}").status_code == 200


@pytest.fixture
def noah(office):
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        noah = make_student(office, "Noah Kim", scopes=WITH_OUTCOMES)
        _completed_with_outcomes(noah, ("referral",))
        careers_summary_rebuild()
        _download_every_file(office)
    return noah


def test_each_downloaded_file_is_its_own_line_in_the_offices_log(office, noah):
    lines = office.staff_client().get(OFFICE_LOG).json()["results"]

    downloads = {line["what"]: line["count"] for line in lines if line["kind"] == "export"}
    assert downloads == {
        "Downloaded the students list (CSV): 1 student": 2,
        # One student: every figure of the file was hidden, and the line never tells how many.
        "Downloaded the summary (CSV): every figure hidden (fewer than 5 students)": 1,
        "Downloaded the first-destination report (CSV): 1 student": 1,
    }
    (students,) = [line for line in lines if "students list (CSV)" in line["what"]]
    assert students["description"] == (
        "Northfield University careers downloaded the students list (CSV): 1 student"
    )


def test_the_log_file_names_the_students_list_download(office, noah):
    text = office.staff_client().get("/api/v1/careers/disclosures.csv").content.decode()

    whats = {row["what"] for row in csv.DictReader(io.StringIO(text))}

    assert {"students list (CSV)", "summary figures (CSV)", "first-destination report (CSV)"} <= (
        whats
    )


def test_the_student_is_told_their_row_was_in_each_downloaded_list(office, noah):
    client = APIClient()
    client.force_authenticate(noah)

    lines = client.get(STUDENT_LOG).json()["results"]

    said = {line["description"]: line["count"] for line in lines if line["kind"] == "export"}
    who = "Northfield University careers at Northfield University's career office"
    assert (
        said[
            f"{who} downloaded the office's students list (a CSV file) with your row in it: "
            "your name, programme, class year, skills, participation (numbers of applications, "
            "engagements and completed engagements) and outcomes"
        ]
        == 2
    )
    assert (
        said[
            f"{who} downloaded the office's first-destination survey file (a CSV file) with your "
            "row in it: your name, programme, class year, participation and outcomes"
        ]
        == 1
    )
    # The summary hid every figure (one student): nothing of Noah's was in it, so no line.
    assert len(said) == 2


def test_a_keys_download_is_its_own_line_apart_from_its_list_reads(office):
    noah = make_student(office, "Noah Kim")
    key = office.key_client()
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        key.get("/api/v1/careers/students/")
        b"".join(key.get("/api/v1/careers/students.csv").streaming_content)

    lines = office.staff_client().get(OFFICE_LOG).json()["results"]
    student = APIClient()
    student.force_authenticate(noah)
    told = [line["description"] for line in student.get(STUDENT_LOG).json()["results"]]

    assert sorted(line["what"] for line in lines) == [
        "Downloaded the students list (CSV) through the API: 1 student",
        "Read students through the API",
    ]
    assert (
        "Northfield University's career office, through its own system, downloaded the "
        "office's students list (a CSV file) with your row in it: your name, programme, class "
        "year, skills and participation (numbers of applications, engagements and completed "
        "engagements)" in told
    )
