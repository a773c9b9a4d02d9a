"""The in-app inbox: each person sees and marks only their own notifications; e-mail waits for
the commit."""

from rest_framework.test import APIClient

from accounts.models import Notification
from accounts.services.notifications import notification_send
from tests.factories import UserFactory


def test_the_list_shows_only_my_notifications_newest_first(auth_client, user):
    first = notification_send(recipient=user, kind="message", title="First", email=False)
    second = notification_send(recipient=user, kind="message", title="Second", email=False)
    notification_send(recipient=UserFactory(), kind="message", title="Not yours", email=False)

    body = auth_client.get("/api/v1/me/notifications/").json()

    assert [n["id"] for n in body["results"]] == [second.pk, first.pk]
    assert body["unread_count"] == 2
    assert body["results"][0] == {
        "id": second.pk,
        "kind": "message",
        "title": "Second",
        "body": "",
        "url": "",
        "created_at": body["results"][0]["created_at"],
        "read_at": None,
    }


def test_the_list_pages_with_a_cursor_and_counts_every_unread(auth_client, user):
    for n in range(3):
        notification_send(recipient=user, kind="message", title=f"N{n}", email=False)

    page = auth_client.get("/api/v1/me/notifications/?page_size=2").json()
    rest = auth_client.get(page["next"]).json()

    assert [n["title"] for n in page["results"] + rest["results"]] == ["N2", "N1", "N0"]
    assert page["unread_count"] == rest["unread_count"] == 3


def test_the_list_query_count_is_pinned(auth_client, user, django_assert_max_num_queries):
    for n in range(5):
        notification_send(recipient=user, kind="message", title=f"N{n}", email=False)
    with django_assert_max_num_queries(2):  # the page, the unread count
        body = auth_client.get("/api/v1/me/notifications/").json()
    assert len(body["results"]) == 5


def test_marking_read_touches_only_my_own(auth_client, user):
    mine = notification_send(recipient=user, kind="message", title="Mine", email=False)
    also_mine = notification_send(recipient=user, kind="message", title="Also", email=False)
    theirs = notification_send(recipient=UserFactory(), kind="message", title="No", email=False)

    some = auth_client.post(
        "/api/v1/me/notifications/read/", {"ids": [mine.pk, theirs.pk]}, format="json"
    )
    assert some.json() == {"marked": 1}
    rest = auth_client.post("/api/v1/me/notifications/read/", {}, format="json")
    assert rest.json() == {"marked": 1}

    assert auth_client.get("/api/v1/me/notifications/").json()["unread_count"] == 0
    for notification in (mine, also_mine, theirs):
        notification.refresh_from_db()
    assert mine.read_at is not None and also_mine.read_at is not None
    assert theirs.read_at is None


def test_marking_read_again_marks_nothing(auth_client, user):
    notification_send(recipient=user, kind="message", title="Once", email=False)
    assert auth_client.post("/api/v1/me/notifications/read/", {}, format="json").json() == {
        "marked": 1
    }
    assert auth_client.post("/api/v1/me/notifications/read/", {}, format="json").json() == {
        "marked": 0
    }


def test_bad_ids_are_refused(auth_client):
    response = auth_client.post("/api/v1/me/notifications/read/", {"ids": ["one"]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_notifications_need_a_login(db):
    client = APIClient()
    assert client.get("/api/v1/me/notifications/").status_code in {401, 403}
    assert client.post("/api/v1/me/notifications/read/", {}, format="json").status_code in {
        401,
        403,
    }


def test_the_email_goes_out_after_commit_with_a_link(
    user, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://slipstream.example"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_send(recipient=user, kind="message", title="Hello", body="Hi", url="/x/")
    assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert mailoutbox[0].subject == "Slipstream: Hello"
    assert mailoutbox[0].body == "Hi\n\nhttps://slipstream.example/x/"
    assert Notification.objects.get(recipient=user).title == "Hello"


def test_an_inactive_account_gets_no_email(user, mailoutbox, django_capture_on_commit_callbacks):
    user.is_active = False
    user.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=user, kind="message", title="Hello")
    assert mailoutbox == []
    assert Notification.objects.filter(recipient=user).count() == 1
