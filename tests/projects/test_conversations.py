"""Messages (only inside an application or engagement), introductions, notifications,
and the dashboard."""

import pytest
from django.test import override_settings

from projects.models import Introduction, Message
from projects.services.applications import application_accept, application_shortlist
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.introductions import introduction_create, introduction_respond
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(mentor, drafter):
    return ApplicationFactory(
        task=TaskFactory(mentor=mentor, title="Edit a podcast"), drafter=drafter
    )


def test_the_two_people_exchange_messages_with_unread_counts(
    client_for, mentor, drafter, application
):
    url = f"/api/v1/applications/{application.pk}/messages/"
    d, m = client_for(drafter), client_for(mentor)
    sent = d.post(url, {"body": "Hello! Happy to start Monday."})
    assert sent.status_code == 201
    assert sent.json()["is_mine"] is True
    assert m.get("/api/v1/me/dashboard/").json()["unread_messages"] == 1
    thread = m.get(url).json()["results"]
    assert [msg["body"] for msg in thread] == ["Hello! Happy to start Monday."]
    assert thread[0]["is_mine"] is False
    assert m.get("/api/v1/me/dashboard/").json()["unread_messages"] == 0
    assert mentor.notifications.filter(kind="message").exists()


def test_message_a_thread_you_are_not_in_is_not_found(client_for, application):
    stranger = client_for(UserFactory())
    url = f"/api/v1/applications/{application.pk}/messages/"
    assert stranger.post(url, {"body": "Hi"}).status_code == 404
    assert stranger.get(url).status_code == 404
    assert not Message.objects.exists()


def test_engagement_thread_is_only_for_its_two_people(client_for, mentor, drafter, application):
    engagement = application_accept(application_id=application.pk, mentor=mentor)
    url = f"/api/v1/engagements/{engagement.pk}/messages/"
    assert client_for(mentor).post(url, {"body": "Welcome aboard"}).status_code == 201
    assert client_for(drafter).get(url).json()["results"][0]["body"] == "Welcome aboard"
    assert client_for(UserFactory()).post(url, {"body": "Hi"}).status_code == 404
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "code"), [("   ", "message_empty"), ("x" * 2001, "message_too_long")]
)
def test_bad_messages_are_refused(client_for, drafter, application, body, code):
    response = client_for(drafter).post(
        f"/api/v1/applications/{application.pk}/messages/", {"body": body}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert not Message.objects.exists()


@override_settings(MESSAGE_RATE_PER_MINUTE=3)
def test_messages_are_rate_limited(client_for, drafter, application):
    client = client_for(drafter)
    url = f"/api/v1/applications/{application.pk}/messages/"
    codes = [client.post(url, {"body": f"n{i}"}).status_code for i in range(4)]
    assert codes == [201, 201, 201, 429]
    assert Message.objects.count() == 3


def test_introduction_reaches_the_mentor_only_after_the_drafter_accepts(
    client_for, mentor, drafter
):
    task = TaskFactory(mentor=mentor)
    friend = UserFactory()
    response = client_for(friend).post(
        "/api/v1/introductions/",
        {"task_id": task.pk, "drafter_handle": drafter.profile.handle, "note": "Sam is great"},
    )
    assert response.status_code == 201, response.json()
    assert not mentor.notifications.filter(kind="introduction").exists()
    intro_id = response.json()["id"]
    assert drafter.notifications.filter(kind="introduction").exists()
    assert client_for(friend).post(f"/api/v1/introductions/{intro_id}/accept/").status_code == 404
    accepted = client_for(drafter).post(f"/api/v1/introductions/{intro_id}/accept/")
    assert accepted.json()["state"] == "accepted"
    assert mentor.notifications.filter(kind="introduction").exists()
    again = client_for(drafter).post(f"/api/v1/introductions/{intro_id}/decline/")
    assert again.json()["error"]["code"] == "introduction_state_invalid"


def test_introducer_is_credited_when_the_draft_completes(api_client, mentor, drafter):
    task = TaskFactory(mentor=mentor)
    friend = UserFactory(finish__display_name="Fran Friend")
    intro = introduction_create(
        introducer=friend, task_id=task.pk, drafter_handle=drafter.profile.handle, note="Go!"
    )
    introduction_respond(introduction_id=intro.pk, drafter=drafter, accept=True)
    application = ApplicationFactory(task=task, drafter=drafter)
    engagement = application_accept(application_id=application.pk, mentor=mentor)
    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://x.org")
    engagement_approve(engagement_id=engagement.pk, mentor=mentor)
    url = f"/api/v1/profiles/{drafter.profile.handle}/experience/"
    [entry] = api_client.get(url).json()["verified_experience"]
    assert entry["introduced_by"] == [
        {"handle": friend.profile.handle, "display_name": "Fran Friend"}
    ]
    assert friend.notifications.filter(kind="introduction_credited").exists()


def test_introducing_twice_or_yourself_is_refused(client_for, drafter):
    task = TaskFactory()
    friend = client_for(UserFactory())
    payload = {"task_id": task.pk, "drafter_handle": drafter.profile.handle, "note": "Hi"}
    assert friend.post("/api/v1/introductions/", payload).status_code == 201
    twice = friend.post("/api/v1/introductions/", payload)
    assert twice.json()["error"]["code"] == "introduction_exists"
    myself = client_for(drafter).post("/api/v1/introductions/", payload)
    assert (myself.status_code, myself.json()["error"]["code"]) == (409, "introduction_not_allowed")
    assert Introduction.objects.count() == 1


def test_notification_email_is_sent_after_commit(
    mailoutbox, mentor, drafter, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_shortlist(application_id=application.pk, mentor=mentor)
    assert mailoutbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[drafter.email]]
    assert "shortlist" in mailoutbox[0].subject


def test_dashboard_shows_both_roles_in_few_queries(
    client_for, mentor, drafter, django_assert_max_num_queries
):
    tasks = [TaskFactory(mentor=mentor) for _ in range(3)]
    for task in tasks:
        ApplicationFactory.create_batch(2, task=task)
    application = ApplicationFactory(task=tasks[0], drafter=drafter)
    application_accept(application_id=application.pk, mentor=mentor)
    client = client_for(mentor)
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/me/dashboard/").json()
    assert len(body["mentor"]["tasks"]) == 3
    assert body["mentor"]["tasks"][-1]["applications_total"] == 3
    # the accept filled task 0 (one slot), so its two other applicants were declined
    assert len(body["mentor"]["applications_to_review"]) == 4
    assert len(body["mentor"]["engagements"]) == 1
    drafter_view = client_for(drafter).get("/api/v1/me/dashboard/").json()["drafter"]
    assert drafter_view["applications"][0]["state"] == "accepted"
    assert drafter_view["next_steps"][0]["url"].startswith("/engagements/")


def test_mentor_sees_who_introduced_an_applicant(client_for, mentor, drafter):
    task = TaskFactory(mentor=mentor)
    friend = UserFactory(finish__display_name="Fran Friend")
    intro = introduction_create(
        introducer=friend, task_id=task.pk, drafter_handle=drafter.profile.handle, note="Go!"
    )
    ApplicationFactory(task=task, drafter=drafter)
    url = f"/api/v1/tasks/{task.pk}/applications/"
    assert client_for(mentor).get(url).json()["results"][0]["introduced_by"] is None
    introduction_respond(introduction_id=intro.pk, drafter=drafter, accept=True)
    [row] = client_for(mentor).get(url).json()["results"]
    assert row["introduced_by"] == {"handle": friend.profile.handle, "display_name": "Fran Friend"}
