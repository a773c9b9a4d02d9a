"""Golden JSON pins the public contract of every careers endpoint (readthedocs style): a
change to a response's shape shows up as a diff of a file under tests/careers/golden/.
Regenerate deliberately with CAREERS_GOLDEN_UPDATE=1 and review the diff."""

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from accounts.models import UserSkill
from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Application, Engagement, Feedback
from projects.services.report_back import report_back_create
from tests.careers.conftest import ALL_SCOPES, make_student
from tests.factories import ApplicationFactory, EngagementFactory, SkillFactory, TaskFactory

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden"
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
ID_KEYS = {"id", "student_id", "engagement_id"}


def normalise(data, seen=None, parent="root"):
    """Database ids differ between runs and databases: replace each by its order of
    appearance among ids of the same kind (the kind is the enclosing key; student ids are
    one kind wherever they appear)."""
    seen = {} if seen is None else seen
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in ID_KEYS and value is not None:
                kind = "student" if str(value).startswith("stu_") else parent
                kind = "engagements" if key == "engagement_id" else kind
                names = seen.setdefault(kind, {})
                out[key] = names.setdefault(value, f"<{kind}:{len(names) + 1}>")
            elif key in {"next", "previous"} and value:
                out[key] = "<link>"
            elif key == "url":
                out[key] = re.sub(r"\d+", "<n>", value)
            else:
                out[key] = normalise(value, seen, key)
        return out
    if isinstance(data, list):
        return [normalise(item, seen, parent) for item in data]
    return data


def assert_golden(name: str, data) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(normalise(data), indent=2, sort_keys=True) + "\n"
    if os.environ.get("CAREERS_GOLDEN_UPDATE"):
        path.write_text(text)
    assert path.exists(), f"{path} missing: run with CAREERS_GOLDEN_UPDATE=1 and review it"
    assert text == path.read_text(), f"{name} response changed shape; see {path}"


@pytest.fixture
def scene(office):
    with time_machine.travel(datetime(2026, 2, 10, 9, 0, tzinfo=UTC), tick=False):
        python = SkillFactory(name="Python")
        ada = make_student(
            office,
            "Ada Park",
            scopes=[*ALL_SCOPES, "outcomes"],
            programme="Economics",
            class_year=2027,
        )
        UserSkill.objects.create(user=ada, skill=python)
        paid = TaskFactory(title="Clean a survey dataset", stipend_amount=25000, skills=[python])
        engagement = EngagementFactory(
            application=ApplicationFactory(
                task=paid, drafter=ada, state=Application.State.ACCEPTED
            ),
            state=Engagement.State.COMPLETED,
            started_at=datetime(2026, 2, 10, 9, 0, tzinfo=UTC),
            completed_at=datetime(2026, 2, 20, 9, 0, tzinfo=UTC),
        )
        Feedback.objects.create(
            engagement=engagement,
            author=paid.mentor,
            subject=ada,
            rating=5,
            competencies={"communication": 4, "teamwork": 5},
        )
        # What the draft led to: shared with the office (Ada shares outcomes).
        report_back_create(engagement_id=engagement.pk, author=ada, outcomes=["referral"])
        ApplicationFactory(drafter=ada, task=TaskFactory(title="Draft a newsletter"))
        for name in ("Bo Lee", "Cy Diaz", "Di Okafor", "Ed Novak"):
            student = make_student(office, name, scopes=["participation"], programme="History")
            EngagementFactory(
                application=ApplicationFactory(
                    task=TaskFactory(title=f"Help {name}", skills=[python]),
                    drafter=student,
                    state=Application.State.ACCEPTED,
                ),
                state=Engagement.State.ACTIVE,
                started_at=datetime(2026, 2, 11, 9, 0, tzinfo=UTC),
            )
        make_student(office, "Never Shares", scopes=None)
        # The factories above write rows directly, past the services that keep the summary
        # table in step; rebuild it as `careers_rebuild_summary` would.
        careers_summary_rebuild()
    return ada


def _get(client, url):
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response


def test_students_list_shape(office, scene):
    assert_golden(
        "students", _get(office.key_client(), "/api/v1/careers/students/?page_size=2").json()
    )


def test_participation_shape(office, scene):
    students = _get(office.key_client(), "/api/v1/careers/students/").json()["results"]
    ada = next(s for s in students if s["name"] == "Ada Park")
    url = f"/api/v1/careers/students/{ada['id']}/participation/"
    assert_golden("participation", _get(office.key_client(), url).json())


def test_engagements_shape(office, scene):
    assert_golden("engagements", _get(office.key_client(), "/api/v1/careers/engagements/").json())


@pytest.mark.parametrize("group_by", ["term", "major", "skill"])
def test_summary_shape(office, scene, group_by):
    url = f"/api/v1/careers/reports/summary/?group_by={group_by}"
    assert_golden(f"summary_{group_by}", _get(office.key_client(), url).json())


def test_summary_csv(office, scene):
    response = _get(office.key_client(), "/api/v1/careers/reports/summary.csv?group_by=major")
    assert response["Content-Type"].startswith("text/csv")
    path = GOLDEN / "summary_major.csv"
    if os.environ.get("CAREERS_GOLDEN_UPDATE"):
        path.write_bytes(response.content)
    assert response.content == path.read_bytes()


def test_featured_tasks_shape(office, scene):
    task = TaskFactory(title="Build a dashboard")
    with time_machine.travel(NOW, tick=False):
        created = office.staff_client().post(
            "/api/v1/careers/featured-tasks/", {"task_id": task.pk, "note": "Good first draft"}
        )
    assert created.status_code == 201
    assert_golden(
        "featured_tasks", _get(office.key_client(), "/api/v1/careers/featured-tasks/").json()
    )
