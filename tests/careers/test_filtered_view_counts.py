"""A day's dashboard count is true however the views were filtered: the office is told every
view, and the student every view that showed their data (a filtered one that left them out is
not theirs). A further page of a list ("Show more") is the same view, not another."""

import pytest
import time_machine
from rest_framework.test import APIClient

from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

STUDENT_LOG = "/api/v1/me/disclosures/days/"
OFFICE_LOG = "/api/v1/careers/disclosures/days/"


def _dashboard_visit(office, programme: str = "") -> None:
    """What /careers/ reads on each load, with the page's Programme filter when one is chosen
    (the summary calls it major=, the lists programme=)."""
    client = office.staff_client()
    summary = f"&major={programme}" if programme else ""
    lists = f"&programme={programme}" if programme else ""
    for group in ("month", "term", "skill"):
        client.get(f"/api/v1/careers/reports/summary/?group_by={group}{summary}")
    client.get(f"/api/v1/careers/students/?page_size=10{lists}")
    client.get(f"/api/v1/careers/engagements/?page_size=5{lists}")


def _student_lines(student) -> list[dict]:
    client = APIClient()
    client.force_authenticate(student)
    return client.get(STUDENT_LOG).json()["results"]


def _office_dashboard_line(office) -> dict:
    lines = office.staff_client().get(OFFICE_LOG).json()["results"]
    (line,) = [line for line in lines if line["kind"] == "dashboard"]
    return line


@pytest.fixture
def filtered_day(office):
    """Three unfiltered views, one filtered to Economics (Noah's programme), one to Design
    (Dana's, not Noah's), all on 2026-12-07."""
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        noah = make_student(office, "Noah Kim", programme="Economics", class_year=2027)
        dana = make_student(office, "Dana Ode", programme="Design", class_year=2027)
        EngagementFactory(drafter=noah)
        EngagementFactory(drafter=dana)
        careers_summary_rebuild()  # factories write past the services that keep it in step
        for _ in range(3):
            _dashboard_visit(office)
        _dashboard_visit(office, "Economics")
        _dashboard_visit(office, "Design")
    return noah, dana


def test_the_office_is_told_every_dashboard_view_filtered_or_not(office, filtered_day):
    line = _office_dashboard_line(office)

    assert line["count"] == 5
    assert line["what"] == "Viewed the dashboard (figures, students, engagements)"


def test_the_student_is_told_every_view_that_showed_them_and_no_other(office, filtered_day):
    noah, dana = filtered_day

    (noahs,) = _student_lines(noah)
    (danas,) = _student_lines(dana)

    assert noahs["kind"] == "dashboard"
    assert noahs["count"] == 4  # three unfiltered and the Economics view; not the Design one
    assert danas["count"] == 4  # three unfiltered and the Design view; not the Economics one
    assert noahs["description"].endswith("on the office dashboard")


def test_a_further_page_of_the_students_list_is_not_another_view(office):
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        noah = make_student(office, "Noah Kim")
        make_student(office, "Dana Ode")
        client = office.staff_client()
        first = client.get("/api/v1/careers/students/?page_size=1").json()
        client.get(first["next"])  # "Show more students"

    assert _office_dashboard_line(office)["count"] == 1
    (line,) = _student_lines(noah)  # on one of the two pages
    assert line["count"] == 1
