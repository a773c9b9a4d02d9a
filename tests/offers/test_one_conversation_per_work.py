"""One piece of work, one conversation: an engagement's messages include what its two people said
on the offer it was made from and on its application; an accepted offer's thread is closed in
favour of the engagement; /messages/ lists the work once; reading it marks all of it read."""

import pytest

from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _code(response) -> str:
    return response.json()["error"]["code"]


@pytest.fixture
def accepted(send_offer, client_for, mentor, drafter):
    """An offer with a line from each side, then accepted: (offer_id, engagement_id)."""
    offer_id = send_offer(drafter, mentor).json()["id"]
    client_for(mentor).post(f"/api/v1/offers/{offer_id}/messages/", {"body": "Which template?"})
    client_for(drafter).post(f"/api/v1/offers/{offer_id}/messages/", {"body": "Yours, v2."})
    body = client_for(mentor).post(f"/api/v1/offers/{offer_id}/accept/", {}, format="json").json()
    return offer_id, body["engagement_id"]


def test_the_engagement_shows_the_offer_messages_then_its_own_marked_where_written(
    accepted, client_for, mentor, drafter
):
    _, engagement_id = accepted
    sent = client_for(drafter).post(
        f"/api/v1/engagements/{engagement_id}/messages/", {"body": "Started today."}
    )
    assert sent.status_code == 201, sent.content

    for person in (mentor, drafter):
        rows = client_for(person).get(f"/api/v1/engagements/{engagement_id}/messages/").json()
        # Newest first, as every thread page; the page draws them oldest first.
        assert [(m["body"], m["thread"]) for m in rows["results"]] == [
            ("Started today.", "engagement"),
            ("Yours, v2.", "offer"),
            ("Which template?", "offer"),
        ]


def test_an_accepted_offer_takes_no_new_messages_they_go_to_the_engagement(
    accepted, client_for, mentor
):
    offer_id, engagement_id = accepted

    response = client_for(mentor).post(f"/api/v1/offers/{offer_id}/messages/", {"body": "More?"})
    offer = client_for(mentor).get(f"/api/v1/offers/{offer_id}/").json()

    assert (response.status_code, _code(response)) == (409, "thread_closed")
    assert "message" not in offer["allowed_actions"]
    assert offer["engagement_id"] == engagement_id
    # What was said on the offer stays readable on it.
    kept = client_for(mentor).get(f"/api/v1/offers/{offer_id}/messages/").json()["results"]
    assert len(kept) == 2


def test_messages_lists_the_offer_and_its_engagement_as_one_piece_of_work(
    accepted, client_for, mentor, drafter
):
    _, engagement_id = accepted
    client_for(drafter).post(f"/api/v1/engagements/{engagement_id}/messages/", {"body": "Hi"})

    inbox = client_for(mentor).get("/api/v1/me/threads/").json()

    assert [(t["kind"], t["url"], t["unread_count"]) for t in inbox["results"]] == [
        ("engagement", f"/engagements/{engagement_id}/", 2)  # "Yours, v2." and "Hi"
    ]
    assert inbox["results"][0]["task_title"] == "Tidy your interview notes into a findings table"
    assert inbox["results"][0]["last_message_excerpt"] == "Hi"
    assert inbox["unread_total"] == 2


def test_reading_the_engagement_marks_the_offer_lines_read_too(
    accepted, client_for, mentor, drafter
):
    _, engagement_id = accepted
    assert client_for(mentor).get("/api/v1/me/threads/").json()["unread_total"] == 1

    client_for(mentor).get(f"/api/v1/engagements/{engagement_id}/messages/")

    assert client_for(mentor).get("/api/v1/me/threads/").json()["unread_total"] == 0
    # The drafter's own unread lines ("Which template?") are theirs to read, not the mentor's.
    assert client_for(drafter).get("/api/v1/me/threads/").json()["unread_total"] == 1


def test_an_application_conversation_goes_on_in_its_engagement(client_for):
    application = ApplicationFactory()
    mentor, drafter = application.task.mentor, application.drafter
    client_for(drafter).post(
        f"/api/v1/applications/{application.pk}/messages/", {"body": "Any sample data?"}
    )
    engagement_id = (
        client_for(mentor).post(f"/api/v1/applications/{application.pk}/accept/").json()["id"]
    )

    rows = client_for(mentor).get(f"/api/v1/engagements/{engagement_id}/messages/").json()
    inbox = client_for(drafter).get("/api/v1/me/threads/").json()["results"]

    assert [(m["body"], m["thread"]) for m in rows["results"]] == [
        ("Any sample data?", "application")
    ]
    assert [(t["kind"], t["id"]) for t in inbox] == [("engagement", engagement_id)]


def test_only_the_two_people_read_the_engagement_conversation(accepted, client_for):
    _, engagement_id = accepted
    stranger = client_for(UserFactory())

    assert stranger.get(f"/api/v1/engagements/{engagement_id}/messages/").status_code == 404
    assert stranger.get("/api/v1/me/threads/").json() == {"results": [], "unread_total": 0}


def test_the_conversation_and_the_inbox_cost_a_fixed_number_of_queries(
    accepted, client_for, mentor, drafter, send_offer, django_assert_max_num_queries
):
    _, engagement_id = accepted
    for n in range(5):
        client_for(drafter).post(f"/api/v1/engagements/{engagement_id}/messages/", {"body": f"{n}"})
    for _ in range(3):  # more pieces of work, each with an application line then an engagement
        application = ApplicationFactory(task__mentor=mentor)
        client_for(application.drafter).post(
            f"/api/v1/applications/{application.pk}/messages/", {"body": "Q"}
        )
        client_for(mentor).post(f"/api/v1/applications/{application.pk}/accept/")
    reader = client_for(mentor)

    with django_assert_max_num_queries(9):
        assert reader.get(f"/api/v1/engagements/{engagement_id}/messages/").status_code == 200
    with django_assert_max_num_queries(8):
        assert len(reader.get("/api/v1/me/threads/").json()["results"]) == 4
