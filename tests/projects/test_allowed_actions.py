"""Pages draw their buttons from `allowed_actions`: for every state and every viewer, the API
offers exactly what the services would accept — and each offered action really works."""

import pytest
from rest_framework.test import APIClient

from projects.models import Application, Engagement, Feedback, Task, ThankYouNote
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory, UserFactory

T, A, E = Task.State, Application.State, Engagement.State

TASK_CASES = [
    # state, owner's actions, another signed-in person's actions
    (T.DRAFT, ["edit", "publish", "cancel", "delete"], []),
    (T.OPEN, ["edit", "close", "cancel", "invite"], ["apply"]),
    (T.CLOSED, ["archive"], []),
    (T.ARCHIVED, [], []),
    (T.CANCELLED, [], []),
]


def get(user, url):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "owner_actions", "other_actions"), TASK_CASES)
def test_task_actions_for_each_state_and_viewer(state, owner_actions, other_actions):
    task = TaskFactory(state=state)
    url = f"/api/v1/tasks/{task.pk}/"

    mine = get(task.mentor, url)
    assert (mine["viewer_role"], mine["allowed_actions"]) == ("mentor", owner_actions)
    if state in (T.OPEN, T.CLOSED, T.ARCHIVED):  # drafts and cancelled tasks are the mentor's
        theirs = get(UserFactory(), url)
        assert (theirs["viewer_role"], theirs["allowed_actions"]) == ("drafter", other_actions)
    if state in (T.OPEN, T.CLOSED):
        anonymous = get(None, url)
        assert (anonymous["viewer_role"], anonymous["allowed_actions"]) == ("visitor", [])


@pytest.mark.django_db
def test_apply_is_not_offered_when_full_or_already_applied():
    task = TaskFactory(slots=1)
    applicant = ApplicationFactory(task=task).drafter
    assert get(applicant, f"/api/v1/tasks/{task.pk}/")["allowed_actions"] == []

    Task.objects.filter(pk=task.pk).update(filled_slots=1)
    assert get(UserFactory(), f"/api/v1/tasks/{task.pk}/")["allowed_actions"] == []


APPLICATION_CASES = [
    (A.SUBMITTED, ["shortlist", "accept", "decline", "message"], ["withdraw", "message"]),
    (A.SHORTLISTED, ["accept", "decline", "message"], ["withdraw", "message"]),
    (A.ACCEPTED, ["message"], ["message"]),
    (A.DECLINED, ["message"], ["message"]),
    (A.WITHDRAWN, [], []),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "mentor_actions", "drafter_actions"), APPLICATION_CASES)
def test_application_actions_for_each_state_and_role(state, mentor_actions, drafter_actions):
    application = ApplicationFactory(state=state)
    url = f"/api/v1/applications/{application.pk}/"

    as_mentor = get(application.task.mentor, url)
    as_drafter = get(application.drafter, url)

    assert (as_mentor["viewer_role"], as_mentor["allowed_actions"]) == ("mentor", mentor_actions)
    assert (as_drafter["viewer_role"], as_drafter["allowed_actions"]) == (
        "drafter",
        drafter_actions,
    )


@pytest.mark.django_db
def test_accept_is_not_offered_when_every_place_is_filled():
    application = ApplicationFactory(task=TaskFactory(slots=1))
    Task.objects.filter(pk=application.task_id).update(filled_slots=1)

    actions = get(application.task.mentor, f"/api/v1/applications/{application.pk}/")
    assert "accept" not in actions["allowed_actions"]


ENGAGEMENT_CASES = [
    (E.AWAITING_FUNDING, ["fund", "cancel", "message"], ["cancel", "message"]),
    (E.ACTIVE, ["cancel", "message"], ["deliver", "cancel", "message"]),
    (E.DELIVERED, ["request_revision", "approve", "cancel", "message"], ["cancel", "message"]),
    (
        E.COMPLETED,
        ["message", "feedback", "thanks", "report_back"],
        ["message", "feedback", "thanks", "report_back", "showable_propose"],
    ),
    (E.CANCELLED, ["message"], ["message"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "mentor_actions", "drafter_actions"), ENGAGEMENT_CASES)
def test_engagement_actions_for_each_state_and_role(state, mentor_actions, drafter_actions):
    engagement = EngagementFactory(application__task__stipend_amount=5000, state=state)
    url = f"/api/v1/engagements/{engagement.pk}/"

    as_mentor = get(engagement.mentor, url)
    as_drafter = get(engagement.drafter, url)

    assert (as_mentor["viewer_role"], as_mentor["allowed_actions"]) == ("mentor", mentor_actions)
    assert (as_drafter["viewer_role"], as_drafter["allowed_actions"]) == (
        "drafter",
        drafter_actions,
    )


@pytest.mark.django_db
def test_unpaid_engagement_never_offers_fund_and_done_feedback_or_thanks_disappear():
    engagement = EngagementFactory(state=E.COMPLETED)
    Feedback.objects.create(
        engagement=engagement, author=engagement.mentor, subject=engagement.drafter, rating=5
    )
    ThankYouNote.objects.create(
        engagement=engagement, sender=engagement.mentor, receiver=engagement.drafter, body="Thanks"
    )
    url = f"/api/v1/engagements/{engagement.pk}/"

    assert get(engagement.mentor, url)["allowed_actions"] == ["message", "report_back"]
    assert get(engagement.drafter, url)["allowed_actions"] == [
        "message",
        "feedback",
        "thanks",
        "report_back",
        "showable_propose",
    ]

    awaiting = EngagementFactory(state=E.AWAITING_FUNDING)  # unpaid task: nothing to fund
    assert (
        "fund" not in get(awaiting.mentor, f"/api/v1/engagements/{awaiting.pk}/")["allowed_actions"]
    )


@pytest.mark.django_db
def test_every_offered_task_action_is_accepted_by_the_api():
    """The table the serializer reads is the one the services enforce."""
    for state, owner_actions, _ in TASK_CASES:
        for action in owner_actions:
            if action in {"edit", "delete", "invite"}:
                continue  # not POST transitions (invite is POST .../invitations/ with a body)
            task = TaskFactory(state=state)
            client = APIClient()
            client.force_authenticate(task.mentor)
            response = client.post(f"/api/v1/tasks/{task.pk}/{action}/")
            assert response.status_code == 200, (state, action, response.content)
