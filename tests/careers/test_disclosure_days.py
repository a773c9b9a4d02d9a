"""A student's "who saw your data" is grouped on the server: one line per day, reader and kind of
read, whose count is the whole day's however many pages the raw log spans; a dashboard visit
(three summary reads and the lists) is one line; each part is named once."""

import pytest
import time_machine
from rest_framework.test import APIClient

from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.careers.test_disclosure_parts_returned import rated
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/disclosures/days/"


def _dashboard_visit(office) -> None:
    """What /careers/ reads on each load."""
    client = office.staff_client()
    for group in ("month", "term", "skill"):
        client.get(f"/api/v1/careers/reports/summary/?group_by={group}")
    client.get("/api/v1/careers/students/")
    client.get("/api/v1/careers/engagements/")


def _client(student) -> APIClient:
    client = APIClient()
    client.force_authenticate(student)
    return client


def test_a_days_dashboard_visits_are_one_line_with_the_days_true_count(office):
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        noah = make_student(office, "Noah Kim", scopes=["participation", "evaluations", "outcomes"])
        EngagementFactory(drafter=noah)
        careers_summary_rebuild()  # factories write past the services that keep it in step
        for _ in range(7):
            _dashboard_visit(office)

    (line,) = _client(noah).get(URL).json()["results"]

    assert line["day"] == "2026-12-07"
    assert line["kind"] == "dashboard"
    assert line["count"] == 7
    assert line["description"] == (
        "Northfield University careers at Northfield University's career office viewed your "
        "name, programme, class year, skills, participation and outcomes on the office dashboard"
    )  # no ratings: no mentor has rated Noah, so no read returned one


def test_the_count_is_the_whole_days_even_when_the_days_span_pages(office):
    noah = make_student(office, "Noah Kim")
    for day in range(1, 10):
        with time_machine.travel(f"2026-11-{day:02d} 10:00Z", tick=False):
            for _ in range(day):
                office.staff_client().get("/api/v1/careers/students/")
    client = _client(noah)

    first = client.get(URL).json()
    second = client.get(first["next"]).json()

    assert [line["count"] for line in first["results"]] == [9, 8, 7, 6, 5, 4, 3]
    assert [line["count"] for line in second["results"]] == [2, 1]
    assert second["next"] is None


def test_readers_and_kinds_of_read_are_separate_lines(office):
    noah = make_student(office, "Noah Kim")
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        office.staff_client().get("/api/v1/careers/students/")
        office.key_client().get("/api/v1/careers/students/")
        office.key_client().get("/api/v1/careers/students/")

    lines = _client(noah).get(URL).json()["results"]

    assert sorted((line["kind"], line["count"]) for line in lines) == [
        ("dashboard", 1),
        ("system", 2),
    ]
    system = next(line for line in lines if line["kind"] == "system")
    assert system["by"]["kind"] == "api_key" and system["by"]["name"].startswith("Sync job")
    assert "through its own system, read your" in system["description"]


def test_a_line_never_names_a_part_twice(office):
    noah = make_student(office, "Noah Kim", scopes=["participation", "evaluations", "outcomes"])
    rated(EngagementFactory(drafter=noah))
    careers_summary_rebuild()
    _dashboard_visit(office)

    (line,) = _client(noah).get(URL).json()["results"]
    words = line["description"].replace(",", "").split()

    for part in ("participation", "ratings", "outcomes"):
        assert words.count(part) == 1


@pytest.mark.parametrize(
    ("cursor", "status"),
    [
        ("not ours!", 400),  # no page link holds it: the pattern the schema states refuses it
        ("0", 404),  # shaped like a link's (make fuzz sent it) but naming no day
        ("3DOy==", 404),  # the API's stated cursor pattern (standard base64), naming no day
        ("bm90LW91cnM", 404),
    ],
)
def test_a_cursor_the_list_did_not_give_is_refused(office, cursor, status):
    noah = make_student(office, "Noah Kim")

    response = _client(noah).get(URL, {"cursor": cursor})

    assert response.status_code == status
    assert response.json()["error"]["message"]
    if status == 400:
        assert response.json()["error"]["fields"]["cursor"]


def test_the_days_list_costs_the_same_however_long_the_log(office, django_assert_max_num_queries):
    students = [make_student(office, f"Student {n}") for n in range(3)]
    for day in range(1, 12):
        with time_machine.travel(f"2026-11-{day:02d} 10:00Z", tick=False):
            _dashboard_visit(office)
            office.key_client().get("/api/v1/careers/students/")
    client = _client(students[0])

    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert len(response.json()["results"]) == 14
