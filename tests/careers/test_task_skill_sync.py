"""An office's incremental sync hears of a task's new skills (and wording) after its students
engaged on it: the students' CSV `skills` and the engagements list would otherwise go stale."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from projects.services.tasks import task_update
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, SkillFactory

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _changed(client, path: str, since: str) -> list:
    return client.get(f"/api/v1/careers/{path}?updated_since={since}").json()["results"]


def test_a_tasks_new_skills_reach_the_next_incremental_sync(office):
    client = office.key_client()
    with time_machine.travel(T0, tick=False):
        ann = make_student(office, "Ann One")
        make_student(office, "Ben Two")
        engagement = EngagementFactory(application__drafter=ann)
        task = engagement.task
        task.skills.set([SkillFactory(name="Copywriting")])
        synced_at = client.get("/api/v1/careers/students/").json()["synced_at"]

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        task_update(
            task_id=task.pk,
            mentor=task.mentor,
            data={},
            skill_ids=[SkillFactory(name="Data analysis").pk],
        )

    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        students = _changed(client, "students/", synced_at)
        assert [row["name"] for row in students] == ["Ann One"]
        assert "Data analysis" in students[0]["skills"]
        assert "Copywriting" not in students[0]["skills"]
        assert [row["id"] for row in _changed(client, "engagements/", synced_at)] == [engagement.pk]


def test_an_edit_an_office_cannot_see_is_no_news_to_it(office):
    client = office.key_client()
    with time_machine.travel(T0, tick=False):
        ann = make_student(office, "Ann One")
        engagement = EngagementFactory(application__drafter=ann)
        synced_at = client.get("/api/v1/careers/students/").json()["synced_at"]

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        task_update(
            task_id=engagement.task_id,
            mentor=engagement.mentor,
            data={"description": "Clearer instructions."},
        )

    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        assert _changed(client, "students/", synced_at) == []
        assert _changed(client, "engagements/", synced_at) == []
