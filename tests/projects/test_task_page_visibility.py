"""Who may open a task page (GET /api/v1/tasks/{id}/): everyone else gets the same 404 as for a
task that does not exist. The rule is decided on the fetched task (selectors/tasks.py); this
pins it case by case, for each state and visibility."""

import datetime

import pytest
from rest_framework.test import APIClient

from accounts.models import Institution, InstitutionMembership
from projects.models import Task
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def status(user, task) -> int:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.get(f"/api/v1/tasks/{task.pk}/").status_code


@pytest.mark.parametrize(
    ("state", "anonymous", "signed_in"),
    [
        ("open", 200, 200),
        ("closed", 200, 200),
        ("archived", 404, 200),
        ("draft", 404, 404),
        ("cancelled", 404, 404),
    ],
)
def test_public_task_by_state(state, anonymous, signed_in):
    task = TaskFactory(state=state)
    assert status(None, task) == anonymous
    assert status(UserFactory(), task) == signed_in
    assert status(task.mentor, task) == 200  # the mentor sees their task in any state


@pytest.fixture
def campus_task():
    school = Institution.objects.create(name="Uni", slug="uni")
    other = Institution.objects.create(name="Other", slug="other")
    task = TaskFactory(visibility=Task.Visibility.INSTITUTIONS)
    task.institutions.add(school)
    return task, school, other


def _member(institution, role="student", ended=False):
    user = UserFactory()
    InstitutionMembership.objects.create(
        user=user,
        institution=institution,
        role=role,
        ended_at=datetime.datetime.now(datetime.UTC) if ended else None,
    )
    return user


def test_institution_only_task_is_seen_by_its_active_students_only(campus_task):
    task, school, other = campus_task
    assert status(None, task) == 404
    assert status(UserFactory(), task) == 404
    assert status(_member(other), task) == 404
    assert status(_member(school, ended=True), task) == 404
    assert status(_member(school, role="staff"), task) == 404
    student = _member(school)
    assert status(student, task) == 200
    body = APIClient()
    body.force_authenticate(student)
    assert body.get(f"/api/v1/tasks/{task.pk}/").json()["institutions"] == [
        {"id": school.pk, "name": "Uni"}
    ]


def test_students_see_an_archived_institution_task_but_not_a_draft(campus_task):
    task, school, _ = campus_task
    student = _member(school)
    Task.objects.filter(pk=task.pk).update(state=Task.State.ARCHIVED)
    assert status(student, task) == 200
    Task.objects.filter(pk=task.pk).update(state=Task.State.DRAFT)
    assert status(student, task) == 404


def test_an_applicant_keeps_seeing_the_task_they_applied_to(campus_task):
    task, _, _ = campus_task
    application = ApplicationFactory(task=task)
    Task.objects.filter(pk=task.pk).update(state=Task.State.CANCELLED)
    client = APIClient()
    client.force_authenticate(application.drafter)
    body = client.get(f"/api/v1/tasks/{task.pk}/").json()
    assert body["viewer_application_id"] == application.pk
    assert status(UserFactory(), task) == 404


def test_a_missing_task_is_the_same_404():
    assert status(UserFactory(), Task(pk=987654)) == 404
