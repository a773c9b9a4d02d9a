"""The students list (and the dashboard's students CSV built from it) names each student's
skills: those on their profile and those of the tasks they drafted on, which the dashboard's
"Top skills" counts; a student who does not share participation is not listed at all."""

from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, SkillFactory, TaskFactory, UserSkillFactory


def _skills(office) -> dict[str, list[str]]:
    rows = office.staff_client().get("/api/v1/careers/students/").json()["results"]
    return {row["name"]: row["skills"] for row in rows}


def test_a_students_skills_include_those_of_the_tasks_they_drafted_on(office):
    python, sql = SkillFactory(name="Python"), SkillFactory(name="SQL")
    ada = make_student(office, "Ada Park")
    UserSkillFactory(user=ada, skill=sql)
    EngagementFactory(drafter=ada, application__task=TaskFactory(skills=[python, sql]))
    quiet = make_student(office, "Quiet Student")
    EngagementFactory(drafter=quiet, application__task=TaskFactory(skills=[python]))
    make_student(office, "New Student")

    skills = _skills(office)

    assert skills["Ada Park"] == ["Python", "SQL"]  # once each, in name order
    assert skills["Quiet Student"] == ["Python"]
    assert skills["New Student"] == []


def test_a_student_who_does_not_share_is_not_listed_with_skills(office):
    python = SkillFactory(name="Python")
    hidden = make_student(office, "Not Sharing", scopes=None)
    EngagementFactory(drafter=hidden, application__task=TaskFactory(skills=[python]))

    assert "Not Sharing" not in _skills(office)
