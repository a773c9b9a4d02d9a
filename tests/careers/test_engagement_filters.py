"""The dashboard's engagements table filters on the server: status, paid, programme, class
year, a date range and a student's name are query parameters of careers/engagements/, checked
strictly (400 with the field and a plain message) and paged by cursor."""

from datetime import UTC, datetime

import pytest
import time_machine

from projects.models import Engagement
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/careers/engagements/"


@pytest.fixture
def scene(office):
    ada = make_student(office, "Ada Lovelace", programme="Mathematics", class_year=2027)
    bo = make_student(office, "Bo Chen", programme="Biology", class_year=2026)
    with time_machine.travel(datetime(2026, 2, 10, 12, tzinfo=UTC)):
        EngagementFactory(
            drafter=ada,
            application__task=TaskFactory(title="Pricing model", stipend_amount=20000),
            state=Engagement.State.COMPLETED,
        )
    with time_machine.travel(datetime(2026, 3, 5, 12, tzinfo=UTC)):
        EngagementFactory(
            drafter=ada,
            application__task=TaskFactory(title="Survey design", stipend_amount=None),
            state=Engagement.State.ACTIVE,
        )
        EngagementFactory(
            drafter=bo,
            application__task=TaskFactory(title="Lab notes", stipend_amount=None),
            state=Engagement.State.COMPLETED,
        )
    return office


def _titles(client, query: str) -> list[str]:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.content
    return [row["task"]["title"] for row in response.json()["results"]]


def test_the_office_filters_engagements_by_status_and_paid(scene):
    client = scene.staff_client()

    assert _titles(client, "state=completed") == ["Pricing model", "Lab notes"]
    assert _titles(client, "paid=true") == ["Pricing model"]
    assert _titles(client, "paid=false&state=completed") == ["Lab notes"]


def test_the_office_filters_engagements_by_cohort(scene):
    client = scene.key_client()

    assert _titles(client, "programme=Mathematics") == ["Pricing model", "Survey design"]
    assert _titles(client, "class_year=2026") == ["Lab notes"]
    assert _titles(client, "programme=Mathematics&class_year=2026") == []


def test_the_office_filters_engagements_by_the_day_they_began_inclusive(scene):
    client = scene.staff_client()

    assert _titles(client, "created_from=2026-03-05") == ["Survey design", "Lab notes"]
    assert _titles(client, "created_to=2026-02-10") == ["Pricing model"]
    assert _titles(client, "created_from=2026-02-11&created_to=2026-03-04") == []


def test_the_office_finds_a_students_engagements_by_part_of_their_name(scene):
    client = scene.staff_client()

    assert _titles(client, "student=lovel") == ["Pricing model", "Survey design"]
    assert _titles(client, "student=CHEN") == ["Lab notes"]


def test_filters_only_narrow_what_the_office_may_see(scene, other_office):
    stranger = make_student(other_office, "Ada Other", programme="Mathematics")
    EngagementFactory(drafter=stranger, application__task=TaskFactory(title="Elsewhere"))
    never = make_student(scene, "Ada Private", scopes=None, programme="Mathematics")
    EngagementFactory(drafter=never, application__task=TaskFactory(title="Private"))

    assert _titles(scene.key_client(), "student=ada") == ["Pricing model", "Survey design"]


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("state=finished", "state", "one of the options"),
        ("paid=maybe", "paid", "yes or no"),
        ("class_year=20x6", "class_year", "whole number"),
        ("class_year=1066", "class_year", "1900"),
        ("created_from=5%20March", "created_from", "2026-12-31"),
        ("created_from=2026-03-05&created_to=2026-03-01", "created_to", "before the start date"),
        ("student=a", "student", "at least 2"),
        ("student=%20%20a%20", "student", "at least 2"),
        ("student=" + "x" * 81, "student", "80"),
        ("programme=Bio%00logy", "programme", "NUL character"),
    ],
)
def test_a_malformed_filter_is_refused_with_a_clear_message(scene, query, field, words):
    response = scene.staff_client().get(f"{URL}?{query}")

    assert response.status_code == 400
    error = response.json()["error"]
    assert words.lower() in " ".join(error["fields"][field]).lower()


def test_filtered_pages_follow_the_cursor_in_a_fixed_number_of_queries(
    office, django_assert_max_num_queries
):
    for i in range(7):
        student = make_student(office, f"Student {i}", programme="History", class_year=2027)
        EngagementFactory(drafter=student, state=Engagement.State.COMPLETED)
    client = office.key_client()
    seen, url = [], f"{URL}?programme=History&state=completed&page_size=3"
    while url:
        with django_assert_max_num_queries(12):
            body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]

    assert len(seen) == len(set(seen)) == 7
    assert seen == sorted(seen)
