"""Engagements: deliver, request revision, approve, cancel; feedback, thanks, experience."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Notification
from projects.models import Deliverable, Engagement, Feedback, ThankYouNote
from projects.services.applications import application_accept
from projects.services.engagements import engagement_approve, engagement_cancel, engagement_deliver
from projects.services.feedback import feedback_submit
from tests.factories import ApplicationFactory, SkillFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def engagement(mentor, drafter):
    skill = SkillFactory(name="Research", slug="research")
    task = TaskFactory(mentor=mentor, skills=[skill], title="Interview five users")
    application = ApplicationFactory(task=task, drafter=drafter)
    return application_accept(application_id=application.pk, mentor=mentor)


def deliver(client, engagement, **data):
    return client.post(
        f"/api/v1/engagements/{engagement.pk}/deliverables/",
        {"link": "https://example.org/report", "note": "Here it is", **data},
        format="multipart",
    )


def test_full_cycle_deliver_revise_redeliver_approve(client_for, mentor, drafter, engagement):
    m, d = client_for(mentor), client_for(drafter)
    assert deliver(d, engagement).json()["state"] == "delivered"
    revised = m.post(
        f"/api/v1/engagements/{engagement.pk}/request-revision/", {"comment": "Add quotes"}
    ).json()
    assert revised["state"] == "active"
    assert revised["deliverables"][0]["revision_comment"] == "Add quotes"
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    second = deliver(d, engagement, link="", file=upload).json()
    assert second["state"] == "delivered"
    assert second["deliverables"][1]["file_name"] == "report.pdf"
    assert second["deliverables"][1]["file_url"]
    approved = m.post(f"/api/v1/engagements/{engagement.pk}/approve/").json()
    assert approved["state"] == "completed"
    assert approved["completed_at"]
    kinds = list(Notification.objects.values_list("kind", flat=True))
    for kind in ("engagement_delivered", "engagement_revision", "engagement_approved"):
        assert kind in kinds


def test_deliverable_file_is_checked_by_content(client_for, drafter, engagement):
    fake = SimpleUploadedFile("report.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = deliver(client_for(drafter), engagement, link="", file=fake)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "file_type_not_allowed"
    assert not Deliverable.objects.exists()


def test_deliver_needs_a_link_or_file(client_for, drafter, engagement):
    response = deliver(client_for(drafter), engagement, link="")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "deliverable_required"


def test_deliver_to_someone_elses_engagement_is_not_found(client_for, mentor, engagement):
    for user in (UserFactory(), mentor):
        assert deliver(client_for(user), engagement).status_code == 404
    engagement.refresh_from_db()
    assert engagement.state == "active"
    assert not Deliverable.objects.exists()


def test_approve_twice_is_refused(client_for, mentor, drafter, engagement):
    deliver(client_for(drafter), engagement)
    m = client_for(mentor)
    assert m.post(f"/api/v1/engagements/{engagement.pk}/approve/").status_code == 200
    second = m.post(f"/api/v1/engagements/{engagement.pk}/approve/")
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "engagement_state_invalid"


def test_approve_before_delivery_is_refused(client_for, mentor, engagement):
    response = client_for(mentor).post(f"/api/v1/engagements/{engagement.pk}/approve/")
    assert response.status_code == 409
    engagement.refresh_from_db()
    assert engagement.state == "active"


def test_drafter_cannot_approve_own_work(client_for, drafter, engagement):
    deliver(client_for(drafter), engagement)
    response = client_for(drafter).post(f"/api/v1/engagements/{engagement.pk}/approve/")
    assert response.status_code == 404
    engagement.refresh_from_db()
    assert engagement.state == "delivered"


def test_either_side_cancels_with_a_reason_and_the_slot_frees(client_for, drafter, engagement):
    d = client_for(drafter)
    no_reason = d.post(f"/api/v1/engagements/{engagement.pk}/cancel/", {"reason": " "})
    assert no_reason.json()["error"]["code"] == "reason_required"
    body = d.post(f"/api/v1/engagements/{engagement.pk}/cancel/", {"reason": "Exams"}).json()
    assert body["state"] == "cancelled"
    assert body["cancel_reason"] == "Exams"
    assert body["cancelled_by"]["id"] == drafter.pk
    engagement.task.refresh_from_db()
    assert engagement.task.filled_slots == 0
    again = d.post(f"/api/v1/engagements/{engagement.pk}/cancel/", {"reason": "Again"})
    assert again.status_code == 409


def test_others_engagements_are_404_in_detail_and_lists(client_for, engagement):
    stranger = client_for(UserFactory())
    assert stranger.get(f"/api/v1/engagements/{engagement.pk}/").status_code == 404
    assert stranger.get("/api/v1/me/engagements/").json()["results"] == []


def complete(engagement, mentor, drafter):
    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://x.org")
    engagement_approve(engagement_id=engagement.pk, mentor=mentor)


def test_feedback_is_double_blind_until_both_write(client_for, mentor, drafter, engagement):
    complete(engagement, mentor, drafter)
    skill = engagement.task.skills.get()
    m, d = client_for(mentor), client_for(drafter)
    response = m.post(
        f"/api/v1/engagements/{engagement.pk}/feedback/",
        {
            "rating": 5,
            "text": "Thorough and kind.",
            "competencies": {"communication": 5, "teamwork": 4},
            "endorsed_skill_ids": [skill.pk],
            "endorsement": "Sam ran excellent interviews.",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    drafter_view = d.get(f"/api/v1/engagements/{engagement.pk}/").json()["feedback"]
    assert drafter_view["theirs"] is None
    assert drafter_view["theirs_written"] is True
    d.post(f"/api/v1/engagements/{engagement.pk}/feedback/", {"rating": 4}, format="json")
    drafter_view = d.get(f"/api/v1/engagements/{engagement.pk}/").json()["feedback"]
    assert drafter_view["theirs"]["text"] == "Thorough and kind."
    assert drafter_view["theirs"]["competencies"] == {"communication": 5, "teamwork": 4}


def test_feedback_unblinds_after_14_days(client_for, mentor, drafter, engagement):
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)):
        complete(engagement, mentor, drafter)
        feedback_submit(engagement_id=engagement.pk, author=mentor, rating=4)
    with time_machine.travel(datetime.datetime(2030, 1, 14, tzinfo=datetime.UTC)):
        view = client_for(drafter).get(f"/api/v1/engagements/{engagement.pk}/").json()
        assert view["feedback"]["theirs"] is None
    with time_machine.travel(datetime.datetime(2030, 1, 15, 1, tzinfo=datetime.UTC)):
        view = client_for(drafter).get(f"/api/v1/engagements/{engagement.pk}/").json()
        assert view["feedback"]["theirs"]["rating"] == 4


def test_feedback_twice_or_too_early_is_refused(client_for, mentor, drafter, engagement):
    m = client_for(mentor)
    early = m.post(f"/api/v1/engagements/{engagement.pk}/feedback/", {"rating": 5})
    assert early.json()["error"]["code"] == "feedback_not_yet"
    complete(engagement, mentor, drafter)
    assert (
        m.post(f"/api/v1/engagements/{engagement.pk}/feedback/", {"rating": 5}).status_code == 201
    )
    twice = m.post(f"/api/v1/engagements/{engagement.pk}/feedback/", {"rating": 1})
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "feedback_exists"
    assert Feedback.objects.get().rating == 5


def test_only_the_mentor_rates_competencies(client_for, mentor, drafter, engagement):
    complete(engagement, mentor, drafter)
    response = client_for(drafter).post(
        f"/api/v1/engagements/{engagement.pk}/feedback/",
        {"rating": 5, "competencies": {"leadership": 5}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "feedback_invalid"
    assert not Feedback.objects.exists()


def test_thanks_show_on_profile_only_when_receiver_agrees(
    client_for, api_client, mentor, drafter, engagement
):
    complete(engagement, mentor, drafter)
    sent = client_for(drafter).post(
        f"/api/v1/engagements/{engagement.pk}/thanks/", {"body": "Thank you, Maya!"}
    )
    assert sent.status_code == 201
    mentor_handle = mentor.profile.handle
    url = f"/api/v1/profiles/{mentor_handle}/experience/"
    assert api_client.get(url).json()["thanks"] == []
    note = ThankYouNote.objects.get()
    assert (
        client_for(drafter)
        .post(f"/api/v1/thanks/{note.pk}/show/", {"shown_on_profile": True})
        .status_code
        == 404
    )
    client_for(mentor).post(f"/api/v1/thanks/{note.pk}/show/", {"shown_on_profile": True})
    assert api_client.get(url).json()["thanks"][0]["body"] == "Thank you, Maya!"
    twice = client_for(drafter).post(
        f"/api/v1/engagements/{engagement.pk}/thanks/", {"body": "Again"}
    )
    assert twice.json()["error"]["code"] == "thanks_exists"


def test_completed_engagement_becomes_verified_experience(api_client, mentor, drafter, engagement):
    complete(engagement, mentor, drafter)
    skill = engagement.task.skills.get()
    feedback_submit(
        engagement_id=engagement.pk,
        author=mentor,
        rating=5,
        endorsed_skill_ids=[skill.pk],
        endorsement="Great interviewer.",
    )
    url = f"/api/v1/profiles/{drafter.profile.handle}/experience/"
    [entry] = api_client.get(url).json()["verified_experience"]
    assert entry["task_title"] == "Interview five users"
    assert entry["mentor"]["handle"] == mentor.profile.handle
    assert entry["skills"] == ["Research"]
    assert entry["endorsement"] is None  # still blind: the drafter has not written yet
    feedback_submit(engagement_id=engagement.pk, author=drafter, rating=5)
    [entry] = api_client.get(url).json()["verified_experience"]
    assert entry["endorsement"] == {"text": "Great interviewer.", "skills": ["Research"]}
    helped = api_client.get(f"/api/v1/profiles/{mentor.profile.handle}/experience/").json()
    assert helped["helped_count"] == 1


def test_experience_of_unknown_handle_is_404(api_client):
    assert api_client.get("/api/v1/profiles/nobody-here/experience/").status_code == 404


def test_cancelled_engagement_is_not_experience(api_client, mentor, drafter, engagement):
    engagement_cancel(engagement_id=engagement.pk, user=mentor, reason="Plans changed")
    url = f"/api/v1/profiles/{drafter.profile.handle}/experience/"
    assert api_client.get(url).json()["verified_experience"] == []


def test_engagement_state_values_are_the_contract():
    assert set(Engagement.State.values) == {
        "awaiting_funding",
        "active",
        "delivered",
        "completed",
        "cancelled",
    }


def test_deliverable_files_over_the_size_limit_are_refused(client_for, drafter, engagement):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (11 * 1024 * 1024))
    response = deliver(client_for(drafter), engagement, link="", file=big)
    assert response.status_code in (400, 413)
    assert not Deliverable.objects.exists()


def test_delivered_files_are_only_for_the_two_people(client_for, mentor, drafter, engagement):
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    body = deliver(client_for(drafter), engagement, link="", file=upload).json()
    url = body["deliverables"][0]["file_url"]
    assert url.startswith("/api/v1/deliverables/")
    response = client_for(mentor).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "report.pdf" in response["Content-Disposition"]
    assert client_for(UserFactory()).get(url).status_code == 404
