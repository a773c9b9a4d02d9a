"""The mentor's list of a task's applications is built from plain rows, not a serializer pass
over model instances: its JSON must stay exactly what ApplicationOutputSerializer gives (the
documented shape), for every state, attached work, file, engagement and introduction."""

import base64
import json

import pytest
from django.core.files.base import ContentFile

from accounts.models import PortfolioItem
from marketplace.api.renderers import JSONRenderer
from projects.api.serializers import ApplicationOutputSerializer
from projects.models import Application, Introduction, Task
from projects.selectors.applications import application_list_for_task
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def task_with_applications(mentor):
    task = TaskFactory(
        mentor=mentor, slots=2, stipend_amount=25_000, questions=["Why this task?", "When?"]
    )
    python, figma = SkillFactory(name="Python"), SkillFactory(name="Figma")
    submitted = ApplicationFactory(task=task, answers=["Because", "Monday"])
    item = PortfolioItemFactory(owner=submitted.drafter, position=2, title="Second")
    item.skills.set([python, figma])
    with_file = PortfolioItemFactory(
        owner=submitted.drafter,
        position=1,
        title="First",
        visibility=PortfolioItem.Visibility.APPLICATIONS,
        file_kind="pdf",
        file_name="study.pdf",
    )
    with_file.file.save("study.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    submitted.portfolio_items.set([item, with_file])
    ApplicationFactory(task=task, state=Application.State.SHORTLISTED)
    ApplicationFactory(task=task, state=Application.State.DECLINED, decline_note="Not this time")
    EngagementFactory(application__task=task)
    introduced = ApplicationFactory(task=task)
    Introduction.objects.create(
        task=task,
        drafter=introduced.drafter,
        introducer=UserFactory(finish__display_name="Ines Introducer"),
        note="You two should talk.",
        state=Introduction.State.ACCEPTED,
    )
    return task


def _serializer_json(task: Task, mentor, state: str = "") -> list:
    applications = application_list_for_task(task_id=task.pk, mentor=mentor, state=state)
    data = ApplicationOutputSerializer(
        list(applications.order_by("-id")), many=True, context={"viewer": mentor}
    ).data
    return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("state", ["", "submitted", "accepted"])
def test_rows_give_the_serializers_json(client_for, mentor, task_with_applications, state):
    task = task_with_applications
    url = f"/api/v1/tasks/{task.pk}/applications/?page_size=50"
    body = client_for(mentor).get(url + (f"&state={state}" if state else "")).json()
    assert body["results"] == _serializer_json(task, mentor, state)
    if not state:
        assert len(body["results"]) == 5
        accepted = [row for row in body["results"] if row["state"] == "accepted"]
        assert accepted[0]["engagement_id"] is not None
        assert any(row["introduced_by"] for row in body["results"])
        files = [i["file"] for row in body["results"] for i in row["portfolio_items"] if i["file"]]
        assert files and files[0]["name"] == "study.pdf"


def test_rows_page_with_a_cursor_like_the_serializer(client_for, mentor, task_with_applications):
    expected = _serializer_json(task_with_applications, mentor)
    seen, url = [], f"/api/v1/tasks/{task_with_applications.pk}/applications/?page_size=2"
    while url:
        body = client_for(mentor).get(url).json()
        seen += body["results"]
        url = body["next"]
    assert seen == expected


def test_rows_page_back_with_previous_links_like_the_serializer(
    client_for, mentor, task_with_applications
):
    expected = _serializer_json(task_with_applications, mentor)
    client = client_for(mentor)
    url = f"/api/v1/tasks/{task_with_applications.pk}/applications/?page_size=2"
    while (body := client.get(url).json())["next"]:
        url = body["next"]
    pages = [body["results"]]
    while body["previous"]:
        body = client.get(body["previous"]).json()
        pages.insert(0, body["results"])
    assert [row for page in pages for row in page] == expected


def test_an_edited_cursor_position_is_a_400_not_a_500(client_for, mentor, task_with_applications):
    edited = base64.b64encode(b"o=0&r=0&p=not-a-number").decode()
    response = client_for(mentor).get(
        f"/api/v1/tasks/{task_with_applications.pk}/applications/?cursor={edited}"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["cursor"]


def test_a_full_task_offers_no_accept(client_for, mentor, task_with_applications):
    Task.objects.filter(pk=task_with_applications.pk).update(filled_slots=2)
    body = client_for(mentor).get(f"/api/v1/tasks/{task_with_applications.pk}/applications/")
    [submitted, *_] = [row for row in body.json()["results"] if row["state"] == "submitted"]
    assert "accept" not in submitted["allowed_actions"]
    assert body.json()["results"] == _serializer_json(
        Task.objects.get(pk=task_with_applications.pk), mentor
    )


def test_someone_elses_task_is_not_found(client_for, task_with_applications):
    response = client_for(UserFactory()).get(
        f"/api/v1/tasks/{task_with_applications.pk}/applications/"
    )
    assert response.status_code == 404
