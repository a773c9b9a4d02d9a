"""The summary's totals are the same whatever the grouping: `group_by=month` used to add up the
month cells, so a student active in September and October was two students in its totals (13
where every other grouping said 12). Engagements add up across the groups to the totals."""

from datetime import UTC, datetime

import pytest
import time_machine

from projects.careers.selectors.reports import GROUP_BY
from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, SkillFactory, TaskFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/careers/reports/summary/"


def _engagement(student, when: str, skill) -> None:
    with time_machine.travel(datetime.fromisoformat(when).replace(tzinfo=UTC), tick=False):
        EngagementFactory(drafter=student, application__task=TaskFactory(skills=[skill]))


@pytest.fixture
def six_students(office):
    """Six students: one drafts in September and in October (one term, two months), one in
    the spring and in the fall (two terms), the others once in September."""
    students = [
        make_student(office, f"Student {i}", programme="Economics", class_year=2027)
        for i in range(6)
    ]
    skill = SkillFactory(name="Data analysis")
    _engagement(students[0], "2026-09-10", skill)
    _engagement(students[0], "2026-10-10", skill)
    _engagement(students[1], "2026-03-10", skill)
    _engagement(students[1], "2026-09-12", skill)
    for student in students[2:]:
        _engagement(student, "2026-09-15", skill)
    careers_summary_rebuild()
    return students


def _totals(client, query: str) -> dict:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return response.json()


def test_every_grouping_has_the_same_totals(office, six_students):
    client = office.key_client()
    everyone = _totals(client, "")["totals"]

    for group_by in GROUP_BY:
        report = _totals(client, f"group_by={group_by}")
        assert report["totals"] == everyone, group_by

    assert (everyone["students"], everyone["engagements"]) == (6, 8)


def test_totals_agree_within_a_term_and_a_date_range(office, six_students):
    client = office.key_client()
    for period in ("term=2026+Fall", "from=2026-09-01&to=2026-10-31"):
        plain = _totals(client, period)
        for group_by in GROUP_BY:
            assert _totals(client, f"{period}&group_by={group_by}")["totals"] == plain["totals"]
    assert _totals(client, "term=2026+Fall")["totals"]["students"] == 6


def test_top_skills_do_not_depend_on_the_grouping(office, six_students):
    client = office.key_client()
    top = _totals(client, "")["top_skills"]

    assert top == [{"skill": "Data analysis", "students": 6}]
    for group_by in GROUP_BY:
        assert _totals(client, f"group_by={group_by}")["top_skills"] == top
