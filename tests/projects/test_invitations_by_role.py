"""/api/v1/me/invitations/ for each side: a drafter reads the invitations they received, a mentor
(?box=sent) the ones they sent, with who applied and who declined; nobody sees anyone else's."""

import pytest
from rest_framework.test import APIClient

from projects.models import Invitation
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _invite(task, drafter, **fields) -> Invitation:
    return Invitation.objects.create(task=task, drafter=drafter, mentor=task.mentor, **fields)


def test_a_mentor_reads_the_invitations_they_sent_with_each_drafters_answer():
    task = TaskFactory(title="Fix our Python scraper")
    waiting, applied, declined = (UserFactory(finish__display_name=n) for n in ("Ada", "Bo", "Cy"))
    _invite(task, waiting, note="Your scraper work fits.")
    _invite(task, applied)
    _invite(task, declined, state=Invitation.State.DECLINED)
    application = ApplicationFactory(task=task, drafter=applied)
    _invite(TaskFactory(), waiting)  # another mentor's invitation

    rows = _client(task.mentor).get("/api/v1/me/invitations/", {"box": "sent"}).json()

    assert [(r["drafter_name"], r["state"], r["application_id"]) for r in rows] == [
        ("Cy", "declined", None),
        ("Bo", "pending", application.pk),
        ("Ada", "pending", None),
    ]
    assert rows[2]["note"] == "Your scraper work fits."
    assert rows[2]["drafter_handle"] == waiting.profile.handle
    assert rows[2]["task_title"] == "Fix our Python scraper"


def test_a_drafter_reads_the_invitations_they_received_by_default():
    task = TaskFactory()
    drafter = UserFactory(finish__display_name="Ada")
    _invite(task, drafter)
    _invite(task, UserFactory())  # someone else's

    received = _client(drafter).get("/api/v1/me/invitations/").json()
    sent = _client(drafter).get("/api/v1/me/invitations/", {"box": "sent"}).json()

    assert [(r["mentor_handle"], r["drafter_name"]) for r in received] == [
        (task.mentor.profile.handle, "Ada")
    ]
    assert sent == []


def test_an_unknown_box_is_a_clear_400():
    response = _client(UserFactory()).get("/api/v1/me/invitations/", {"box": "all"})

    assert response.status_code == 400
    assert "box" in response.json()["error"]["fields"]


def test_the_sent_box_is_one_query_however_many_invitations(django_assert_max_num_queries):
    task = TaskFactory()
    for _ in range(6):
        _invite(task, UserFactory())
    client = _client(task.mentor)

    with django_assert_max_num_queries(1):
        rows = client.get("/api/v1/me/invitations/", {"box": "sent"}).json()
    assert len(rows) == 6
