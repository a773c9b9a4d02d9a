"""A filtered read is logged as what it was: a summary filtered to one major (class year, term)
is logged only for the students its figures count — a student outside the filter is never told
they were counted — and the office's log says what each downloaded file held: its filter in the
dashboard's words and how many students."""

import pytest
import time_machine
from rest_framework.test import APIClient

from projects.careers.models import Disclosure
from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

OFFICE_LOG = "/api/v1/careers/disclosures/days/"
STUDENT_LOG = "/api/v1/me/disclosures/days/"
CS = "Computer Science"


@pytest.fixture
def cohort(office):
    """Six Computer Science students of 2027 active in 2026 Fall, a seventh active only in
    2026 Spring, and Noah (Economics) active in 2026 Fall."""
    with time_machine.travel("2026-03-02 10:00Z", tick=False):
        spring = make_student(office, "Sara Spring", programme=CS, class_year=2027)
        EngagementFactory(drafter=spring)
    with time_machine.travel("2026-10-05 10:00Z", tick=False):
        fall = [
            make_student(office, f"Cs Student{i}", programme=CS, class_year=2027) for i in range(6)
        ]
        noah = make_student(office, "Noah Kim", programme="Economics", class_year=2027)
        for student in (*fall, noah):
            EngagementFactory(drafter=student)
    careers_summary_rebuild()
    return {"fall": fall, "spring": spring, "noah": noah}


def _student_log(student) -> list[str]:
    client = APIClient()
    client.force_authenticate(student)
    return [line["description"] for line in client.get(STUDENT_LOG).json()["results"]]


def _read(office, path: str) -> Disclosure:
    with time_machine.travel("2026-12-07 16:05Z", tick=False):
        response = office.staff_client().get(f"/api/v1/careers/{path}")
    assert response.status_code == 200
    return Disclosure.objects.latest("id")


@pytest.mark.parametrize("path", ["reports/summary/", "reports/summary.csv"])
def test_a_summary_filtered_to_a_major_is_logged_only_for_its_students(office, cohort, path):
    logged = _read(office, f"{path}?major=Computer+Science")

    assert logged.student_count == 7  # the six in Fall and Sara in Spring: not Noah
    assert _student_log(cohort["noah"]) == []
    (told,) = _student_log(cohort["fall"][0])
    assert "counted you in" in told


def test_a_summary_filtered_to_a_term_leaves_out_students_not_active_in_it(office, cohort):
    logged = _read(office, "reports/summary.csv?term=2026+Fall&major=Computer+Science")

    assert logged.student_count == 6
    assert _student_log(cohort["spring"]) == []
    assert _student_log(cohort["noah"]) == []
    assert len(_student_log(cohort["fall"][5])) == 1


def test_a_summary_filtered_to_a_date_range_counts_the_students_active_in_its_months(
    office, cohort
):
    logged = _read(office, "reports/summary/?from=2026-03-15&to=2026-03-20")

    assert logged.student_count == 1  # Sara began in March; the month cell counts her
    assert len(_student_log(cohort["spring"])) == 1
    assert _student_log(cohort["noah"]) == []


def test_the_unfiltered_summary_still_logs_every_counted_student(office, cohort):
    logged = _read(office, "reports/summary/")

    assert logged.student_count == 8
    assert len(_student_log(cohort["noah"])) == 1


def test_the_offices_log_says_each_downloads_filter_and_how_many_students_it_held(office, cohort):
    with time_machine.travel("2026-12-07 16:05Z", tick=False):
        staff = office.staff_client()
        for path in (
            "reports/summary.csv?major=Computer+Science&class_year=2027",
            "students.csv?programme=Computer+Science&term=2026+Fall",
            "students.csv",
        ):
            response = staff.get(f"/api/v1/careers/{path}")
            assert response.status_code == 200
            if response.streaming:  # the students list streams: read it whole, as a browser
                b"".join(response.streaming_content)

    lines = office.staff_client().get(OFFICE_LOG).json()["results"]

    assert sorted(line["what"] for line in lines if line["kind"] == "export") == [
        "Downloaded the students list (CSV): 8 students",
        "Downloaded the students list (CSV): Computer Science, 2026 Fall, 6 students",
        "Downloaded the summary (CSV): Computer Science, class of 2027, 7 students",
    ]


def test_a_filtered_summary_is_read_and_logged_in_a_fixed_number_of_queries(
    office, cohort, django_assert_max_num_queries
):
    client = office.key_client()
    client.get("/api/v1/careers/reports/summary/")  # warm the key's session caches
    for query in (
        "major=Computer+Science",
        "class_year=2027&group_by=term",
        "term=2026+Fall&group_by=major",
        "from=2026-01-01&to=2026-12-31&group_by=month",
    ):
        with django_assert_max_num_queries(12):
            response = client.get(f"/api/v1/careers/reports/summary/?{query}")
        assert response.status_code == 200


def test_a_summary_of_students_who_gave_no_major_is_logged_for_them_only(office, cohort):
    with time_machine.travel("2026-10-05 10:00Z", tick=False):
        EngagementFactory(drafter=(undeclared := make_student(office, "Uma Undeclared")))
    careers_summary_rebuild()

    logged = _read(office, "reports/summary/?major=Not+given")

    assert logged.student_count == 1
    assert len(_student_log(undeclared)) == 1
    assert _student_log(cohort["noah"]) == []
