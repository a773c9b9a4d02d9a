"""The dashboard's one filter ("Show figures for": term, programme, class year) narrows the
students and engagements lists too, on the server: careers/students/ and careers/engagements/
take `term`, `programme` and `class_year`, refuse malformed values with a plain message, and keep
a fixed number of queries per page."""

from datetime import UTC, datetime

import pytest
import time_machine

from projects.careers.selectors.student_cohort import careers_term_bounds
from projects.models import Engagement
from tests.careers.conftest import make_student
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db
STUDENTS = "/api/v1/careers/students/"
ENGAGEMENTS = "/api/v1/careers/engagements/"


@pytest.fixture
def scene(office):
    """Ada (Mathematics, 2027) drafted in 2026 Spring; Bo (Biology, 2026) in 2026 Fall; Cy
    (Mathematics, 2027) has not taken part."""
    ada = make_student(office, "Ada Lovelace", programme="Mathematics", class_year=2027)
    bo = make_student(office, "Bo Chen", programme="Biology", class_year=2026)
    make_student(office, "Cy Park", programme="Mathematics", class_year=2027)
    with time_machine.travel(datetime(2026, 5, 31, 23, tzinfo=UTC)):
        EngagementFactory(
            drafter=ada,
            application__task=TaskFactory(title="Pricing model"),
            state=Engagement.State.COMPLETED,
        )
    with time_machine.travel(datetime(2026, 9, 1, 0, 30, tzinfo=UTC)):
        EngagementFactory(drafter=bo, application__task=TaskFactory(title="Lab notes"))
    return office


def _names(client, query: str) -> list[str]:
    response = client.get(f"{STUDENTS}?{query}")
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def _titles(client, query: str) -> list[str]:
    response = client.get(f"{ENGAGEMENTS}?{query}")
    assert response.status_code == 200, response.content
    return [row["task"]["title"] for row in response.json()["results"]]


def test_the_students_list_shows_only_the_chosen_programme_and_class(scene):
    client = scene.staff_client()

    assert _names(client, "programme=Mathematics") == ["Ada Lovelace", "Cy Park"]
    assert _names(client, "class_year=2026") == ["Bo Chen"]
    assert _names(client, "programme=Biology&class_year=2027") == []
    assert _names(client, "") == ["Ada Lovelace", "Bo Chen", "Cy Park"]


def test_the_students_list_for_a_term_is_who_applied_or_drafted_in_it(scene):
    client = scene.key_client()

    # The last hour of May is Spring; the first of September is Fall (UTC days, as the figures).
    assert _names(client, "term=2026%20Spring") == ["Ada Lovelace"]
    assert _names(client, "term=2026%20Fall") == ["Bo Chen"]
    assert _names(client, "term=2026%20Summer") == []
    assert _names(client, "term=2026%20Spring&programme=Biology") == []


def test_a_student_who_applied_in_the_term_without_an_engagement_is_listed(scene):
    cy = scene.institution.memberships.get(user__profile__display_name="Cy Park").user
    with time_machine.travel(datetime(2026, 7, 4, 12, tzinfo=UTC)):
        ApplicationFactory(drafter=cy)

    assert _names(scene.staff_client(), "term=2026%20Summer") == ["Cy Park"]


def test_the_engagements_list_shows_only_those_begun_in_the_term(scene):
    client = scene.staff_client()

    assert _titles(client, "term=2026%20Spring") == ["Pricing model"]
    assert _titles(client, "term=2026%20Fall") == ["Lab notes"]
    assert _titles(client, "term=2026%20Fall&programme=Mathematics") == []
    assert _titles(client, "term=2027%20Spring") == []


def test_a_term_runs_from_its_first_month_to_the_next_seasons_first_day():
    assert careers_term_bounds("2026 Spring") == (
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 6, 1, tzinfo=UTC),
    )
    assert careers_term_bounds("2026 Summer")[1] == datetime(2026, 9, 1, tzinfo=UTC)
    assert careers_term_bounds("2026 Fall") == (
        datetime(2026, 9, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize("url", [STUDENTS, ENGAGEMENTS])
@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("term=Fall%202026", "term", 'as in "2026 Fall"'),
        ("term=2026%20Autumn", "term", "Spring, Summer or Fall"),
        ("term=2026%20fall", "term", "Spring, Summer or Fall"),
        ("term=" + "9" * 12, "term", "11"),
        ("term=2026%00Fall", "term", "NUL character"),
        ("class_year=20x6", "class_year", "whole number"),
        ("class_year=1066", "class_year", "1900"),
        ("programme=Bio%00logy", "programme", "NUL character"),
        ("programme=" + "x" * 161, "programme", "160"),
    ],
)
def test_a_malformed_list_filter_is_refused_with_a_clear_message(scene, url, query, field, words):
    response = scene.staff_client().get(f"{url}?{query}")

    assert response.status_code == 400
    error = response.json()["error"]
    assert words.lower() in " ".join(error["fields"][field]).lower()


def test_a_student_who_does_not_share_is_never_listed_by_a_filter(scene):
    make_student(scene, "Di Silent", programme="Mathematics", class_year=2027, scopes=None)

    assert "Di Silent" not in _names(scene.key_client(), "programme=Mathematics&class_year=2027")


def test_filtered_student_pages_follow_the_cursor_in_a_fixed_number_of_queries(
    office, django_assert_max_num_queries
):
    with time_machine.travel(datetime(2026, 10, 2, 12, tzinfo=UTC)):
        for i in range(7):
            student = make_student(office, f"Student {i}", programme="History", class_year=2027)
            EngagementFactory(drafter=student, state=Engagement.State.COMPLETED)
    make_student(office, "Student outside", programme="Law", class_year=2027)
    client = office.key_client()
    seen, url = [], f"{STUDENTS}?programme=History&class_year=2027&term=2026%20Fall&page_size=3"
    while url:
        with django_assert_max_num_queries(12):
            body = client.get(url).json()
        seen += [row["name"] for row in body["results"]]
        url = body["next"]

    assert sorted(seen) == [f"Student {i}" for i in range(7)]
