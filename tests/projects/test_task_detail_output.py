"""The task page's JSON is built without a serializer pass; it must stay exactly what
TaskDetailSerializer (the documented shape) gives, for a visitor, a drafter who applied, a
student of an institution-only task and the mentor."""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from accounts.models import Institution, InstitutionMembership
from marketplace.api.renderers import JSONRenderer
from projects.api.serializers import TaskDetailSerializer
from projects.models import Task
from projects.selectors.tasks import task_get_for_viewer
from tests.factories import ApplicationFactory, SkillFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _serializer_json(task_id: int, viewer) -> dict:
    task = task_get_for_viewer(task_id=task_id, viewer=viewer)
    data = TaskDetailSerializer(task, context={"viewer": viewer}).data
    return json.loads(JSONRenderer().render(data))


def _api_json(task_id: int, viewer) -> dict:
    client = APIClient()
    if viewer.is_authenticated:
        client.force_authenticate(viewer)
    response = client.get(f"/api/v1/tasks/{task_id}/")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def rich_task():
    task = TaskFactory(
        title="Chart the survey",
        description="**Clean** the sheet, then chart it.\n\n- one\n- two",
        skills=[SkillFactory(name="Python"), SkillFactory(name="Excel")],
        stipend_amount=20_000,
        deadline=datetime.date(2030, 5, 1),
        questions=["Which tools?", "When can you start?"],
        slots=2,
    )
    return task


def test_visitor_drafter_and_mentor_see_the_serializers_json(rich_task):
    applied = ApplicationFactory(task=rich_task)
    for viewer in (AnonymousUser(), UserFactory(), applied.drafter, rich_task.mentor):
        api = _api_json(rich_task.pk, viewer)
        assert api == _serializer_json(rich_task.pk, viewer)
    assert _api_json(rich_task.pk, applied.drafter)["viewer_application_id"] == applied.pk
    assert _api_json(rich_task.pk, rich_task.mentor)["is_mine"] is True
    assert [s["name"] for s in _api_json(rich_task.pk, AnonymousUser())["skills"]] == [
        "Excel",
        "Python",
    ]


def test_institution_task_and_empty_fields_match_too():
    school = Institution.objects.create(name="Uni", slug="uni")
    task = TaskFactory(
        visibility=Task.Visibility.INSTITUTIONS, deadline=None, stipend_amount=None, questions=[]
    )
    task.institutions.add(school)
    student = UserFactory()
    InstitutionMembership.objects.create(user=student, institution=school, role="student")
    api = _api_json(task.pk, student)
    assert api == _serializer_json(task.pk, student)
    assert api["institutions"] == [{"id": school.pk, "name": "Uni"}]
    assert api["deadline"] is None and api["skills"] == []
