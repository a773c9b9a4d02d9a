"""Applications: apply with work, one per drafter, withdraw, shortlist, decline, accept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Institution, InstitutionMembership, PortfolioItem
from projects.models import Application, Engagement, Task
from projects.services.engagements import engagement_activate_after_funding
from tests.factories import (
    ApplicationFactory,
    PortfolioItemFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOTE = "I would sketch three options first; my case study shows a similar redesign."


def apply(client, task, **extra):
    return client.post(
        f"/api/v1/tasks/{task.pk}/applications/",
        {"note": NOTE, "work_sample_link": "https://example.org/w", **extra},
        format="json",
    )


def test_drafter_applies_with_a_portfolio_item_and_mentor_is_told(client_for, mentor, drafter):
    task = TaskFactory(mentor=mentor, questions=["Which tools do you use?"])
    item = PortfolioItemFactory(owner=drafter)
    response = apply(
        client_for(drafter),
        task,
        work_sample_link="",
        portfolio_item_ids=[item.pk],
        answers=["Figma and pen"],
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "submitted"
    assert [i["id"] for i in body["portfolio_items"]] == [item.pk]
    assert mentor.notifications.filter(kind="application_new").count() == 1


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"work_sample_link": ""}, "evidence_required"),
        ({"note": "x" * 1501}, "note_too_long"),
        ({"note": "  "}, "note_required"),
        ({"answers": []}, "answers_invalid"),
    ],
)
def test_bad_applications_are_refused_and_change_nothing(client_for, drafter, extra, code):
    task = TaskFactory(questions=["Why you?"])
    payload = {"answers": ["Because"], **extra}
    response = apply(client_for(drafter), task, **payload)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert not Application.objects.exists()


def test_apply_twice_is_refused(client_for, drafter):
    task = TaskFactory()
    client = client_for(drafter)
    assert apply(client, task).status_code == 201
    second = apply(client, task)
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "application_exists"
    assert Application.objects.count() == 1


def test_apply_to_own_task_is_refused(client_for, mentor):
    task = TaskFactory(mentor=mentor)
    response = apply(client_for(mentor), task)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "own_task"
    assert not Application.objects.exists()


@pytest.mark.parametrize("state", ["closed", "cancelled", "archived"])
def test_apply_to_a_task_not_open_is_refused(client_for, drafter, state):
    task = TaskFactory(state=state)
    response = apply(client_for(drafter), task)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "task_not_open"
    assert not Application.objects.exists()


def test_apply_to_a_draft_is_not_found(client_for, drafter):
    task = TaskFactory(state=Task.State.DRAFT)
    assert apply(client_for(drafter), task).status_code == 404
    assert not Application.objects.exists()


def test_institution_only_task_is_for_its_students(client_for, drafter):
    school = Institution.objects.create(name="Uni", slug="uni")
    task = TaskFactory(visibility=Task.Visibility.INSTITUTIONS)
    task.institutions.add(school)
    response = apply(client_for(drafter), task)
    assert response.status_code == 404
    assert not Application.objects.exists()
    InstitutionMembership.objects.create(user=drafter, institution=school, role="student")
    assert apply(client_for(drafter), task).status_code == 201


def test_someone_elses_portfolio_item_cannot_be_attached(client_for, drafter):
    task = TaskFactory()
    other_item = PortfolioItemFactory()
    response = apply(client_for(drafter), task, portfolio_item_ids=[other_item.pk])
    assert response.status_code == 404  # not one of yours
    assert response.json()["error"]["code"] == "portfolio_item_invalid"


def test_mentor_sees_applications_only_visible_items_included(client_for, mentor, drafter):
    task = TaskFactory(mentor=mentor)
    private = PortfolioItemFactory(
        owner=drafter, visibility=PortfolioItem.Visibility.APPLICATIONS, title="Private study"
    )
    apply(client_for(drafter), task, portfolio_item_ids=[private.pk])
    listing = client_for(mentor).get(f"/api/v1/tasks/{task.pk}/applications/").json()
    [row] = listing["results"]
    assert row["portfolio_items"][0]["title"] == "Private study"
    assert row["drafter"]["display_name"] == "Sam Drafter"


def test_mentor_opens_an_applications_only_file_through_the_application(
    client_for, mentor, drafter
):
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    uploaded = client_for(drafter).post(
        "/api/v1/me/portfolio/",
        {
            "title": "Private study",
            "visibility": "applications",
            "file": SimpleUploadedFile("study.pdf", pdf, content_type="application/pdf"),
        },
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.content
    item_id = uploaded.json()["id"]
    task = TaskFactory(mentor=mentor)
    apply(client_for(drafter), task, portfolio_item_ids=[item_id])

    [row] = client_for(mentor).get(f"/api/v1/tasks/{task.pk}/applications/").json()["results"]
    file_url = row["portfolio_items"][0]["file"]["url"]
    response = client_for(mentor).get(file_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf
    # Only through the application: the item's own address stays closed to the mentor, and a
    # stranger gets nothing either way.
    assert client_for(mentor).get(f"/api/v1/portfolio/{item_id}/file/").status_code == 404
    assert client_for(UserFactory()).get(file_url).status_code == 404


def test_others_cannot_list_or_see_applications(client_for, mentor, drafter):
    task = TaskFactory(mentor=mentor)
    application = ApplicationFactory(task=task, drafter=drafter)
    stranger = client_for(UserFactory())
    assert stranger.get(f"/api/v1/tasks/{task.pk}/applications/").status_code == 404
    assert stranger.get(f"/api/v1/applications/{application.pk}/").status_code == 404
    assert stranger.get("/api/v1/me/applications/").json()["results"] == []


def test_mentor_application_list_query_count(client_for, mentor, django_assert_max_num_queries):
    task = TaskFactory(mentor=mentor)
    for _ in range(5):
        application = ApplicationFactory(task=task)
        application.portfolio_items.add(PortfolioItemFactory(owner=application.drafter))
    client = client_for(mentor)
    # session, user, the task, the page with its attached work (selectors/application_rows.py)
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/tasks/{task.pk}/applications/")
    assert len(response.json()["results"]) == 5


def test_shortlist_then_decline_with_a_kind_note(client_for, mentor):
    application = ApplicationFactory(task=TaskFactory(mentor=mentor))
    client = client_for(mentor)
    assert (
        client.post(f"/api/v1/applications/{application.pk}/shortlist/").json()["state"]
        == "shortlisted"
    )
    declined = client.post(
        f"/api/v1/applications/{application.pk}/decline/", {"note": "Lovely work, keep going."}
    ).json()
    assert declined["state"] == "declined"
    assert declined["decline_note"] == "Lovely work, keep going."
    kinds = set(application.drafter.notifications.values_list("kind", flat=True))
    assert kinds == {"application_shortlisted", "application_declined"}


def test_withdraw_by_drafter_only(client_for, drafter):
    application = ApplicationFactory(drafter=drafter)
    assert (
        client_for(application.task.mentor)
        .post(f"/api/v1/applications/{application.pk}/withdraw/")
        .status_code
        == 404
    )
    response = client_for(drafter).post(f"/api/v1/applications/{application.pk}/withdraw/")
    assert response.json()["state"] == "withdrawn"


def test_accept_unpaid_starts_an_active_engagement(client_for, mentor):
    task = TaskFactory(mentor=mentor, slots=2)
    application = ApplicationFactory(task=task)
    response = client_for(mentor).post(f"/api/v1/applications/{application.pk}/accept/")
    assert response.status_code == 201
    assert response.json()["state"] == "active"
    task.refresh_from_db()
    assert task.filled_slots == 1
    assert task.state == "open"
    assert application.drafter.notifications.filter(kind="application_accepted").exists()


def test_accept_paid_waits_for_funding_then_activates_once(client_for, mentor):
    task = TaskFactory(mentor=mentor, stipend_amount=20_000, what_you_gain="")
    application = ApplicationFactory(task=task)
    body = client_for(mentor).post(f"/api/v1/applications/{application.pk}/accept/").json()
    assert body["state"] == "awaiting_funding"
    assert body["started_at"] is None
    engagement = engagement_activate_after_funding(engagement_id=body["id"])
    assert engagement.state == "active"
    started = engagement.started_at
    again = engagement_activate_after_funding(engagement_id=body["id"])
    assert again.state == "active"
    assert again.started_at == started


def test_filling_the_last_slot_closes_the_task_and_tells_the_rest(client_for, mentor):
    task = TaskFactory(mentor=mentor, slots=1)
    chosen, other = ApplicationFactory(task=task), ApplicationFactory(task=task)
    client_for(mentor).post(f"/api/v1/applications/{chosen.pk}/accept/")
    task.refresh_from_db()
    other.refresh_from_db()
    assert task.state == "closed"
    assert other.state == "declined"
    assert "Thank you" in other.decline_note
    assert other.drafter.notifications.filter(kind="application_declined").exists()


def test_accept_beyond_slots_is_refused(client_for, mentor):
    task = TaskFactory(mentor=mentor, slots=1, state=Task.State.CLOSED, filled_slots=1)
    late = ApplicationFactory(task=task)
    response = client_for(mentor).post(f"/api/v1/applications/{late.pk}/accept/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slots_full"
    late.refresh_from_db()
    assert late.state == "submitted"
    assert not Engagement.objects.exists()


def test_accept_on_someone_elses_task_is_not_found(client_for, drafter):
    application = ApplicationFactory()
    for user in (UserFactory(), application.drafter):
        response = client_for(user).post(f"/api/v1/applications/{application.pk}/accept/")
        assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == "submitted"
    assert not Engagement.objects.exists()


def test_accept_a_withdrawn_application_is_refused(client_for, mentor):
    application = ApplicationFactory(task=TaskFactory(mentor=mentor), state="withdrawn")
    response = client_for(mentor).post(f"/api/v1/applications/{application.pk}/accept/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "application_state_invalid"
    assert not Engagement.objects.exists()


def test_a_decline_slipstream_makes_itself_is_marked_automatic_and_a_mentors_is_not(
    client_for, mentor
):
    written = ApplicationFactory(task=TaskFactory(mentor=mentor))
    task = TaskFactory(mentor=mentor)
    pending = ApplicationFactory(task=task)
    client = client_for(mentor)
    declined = client.post(
        f"/api/v1/applications/{written.pk}/decline/", {"note": "We went another way."}
    ).json()
    client.post(f"/api/v1/tasks/{task.pk}/cancel/")

    assert declined["decline_automatic"] is False
    cancelled = client_for(pending.drafter).get(f"/api/v1/applications/{pending.pk}/").json()
    assert cancelled["state"] == "declined"
    assert cancelled["decline_automatic"] is True  # the page says "From Slipstream"
    listed = client.get(f"/api/v1/tasks/{task.pk}/applications/").json()["results"]
    assert [row["decline_automatic"] for row in listed] == [True]
