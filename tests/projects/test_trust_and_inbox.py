"""What first-time users rely on: who a mentor is, one inbox for every conversation, a home
page that knows the person's roles and next steps, and proof of work that can be shared."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from projects.models import Engagement, Feedback, Task, ThankYouNote
from projects.services.conversations import message_send
from projects.stipends.models import Payout, Stipend
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_browse_cards_name_the_mentors_organisation():
    task = TaskFactory()
    task.mentor.profile.organisation = "Atlas Research"
    task.mentor.profile.save()

    [card] = client_for().get("/api/v1/tasks/").json()["results"]

    assert card["mentor_organisation"] == "Atlas Research"
    assert card["mentor_avatar_url"] is None


def test_inbox_lists_every_thread_newest_first_with_unread_counts(
    django_assert_max_num_queries,
):
    drafter = UserFactory()
    application = ApplicationFactory(drafter=drafter)
    engagement = EngagementFactory(drafter=drafter, application__drafter=drafter)
    message_send(
        sender=application.task.mentor,
        body="Thanks, I like the case study.",
        application_id=application.pk,
    )
    message_send(sender=engagement.mentor, body="Welcome aboard!", engagement_id=engagement.pk)
    message_send(sender=engagement.mentor, body="Here is the brief.", engagement_id=engagement.pk)
    message_send(sender=drafter, body="Got it.", engagement_id=engagement.pk)

    with django_assert_max_num_queries(6):
        inbox = client_for(drafter).get("/api/v1/me/threads/").json()

    first, second = inbox["results"]
    assert (first["kind"], first["id"]) == ("engagement", engagement.pk)
    assert first["unread_count"] == 2
    assert first["last_message_excerpt"] == "Got it."
    assert first["other"]["handle"] == engagement.mentor.profile.handle
    assert first["url"] == f"/engagements/{engagement.pk}/"
    assert (second["kind"], second["unread_count"]) == ("application", 1)
    assert inbox["unread_total"] == 3
    assert client_for(UserFactory()).get("/api/v1/me/threads/").json()["results"] == []


def test_dashboard_knows_the_roles_and_asks_for_feedback_thanks_and_payout_setup():
    engagement = EngagementFactory(
        application__task=TaskFactory(stipend_amount=5000), state=Engagement.State.COMPLETED
    )
    Engagement.objects.filter(pk=engagement.pk).update(completed_at=timezone.now())
    stipend = Stipend.objects.create(
        engagement=engagement,
        amount=5000,
        currency="usd",
        fee_amount=500,
        state=Stipend.State.FUNDED,
    )
    Payout.objects.create(
        engagement=engagement,
        stipend=stipend,
        drafter=engagement.drafter,
        amount=4500,
        currency="usd",
        idempotency_key=f"payout:{engagement.pk}",
    )

    drafter_home = client_for(engagement.drafter).get("/api/v1/me/dashboard/").json()
    steps = [step["text"] for step in drafter_home["drafter"]["next_steps"]]
    assert drafter_home["roles"] == {"mentor": False, "drafter": True}
    assert steps[0] == "Set up payouts to receive 1 approved stipend."
    assert any(text.startswith("Leave feedback and say thanks") for text in steps)

    Feedback.objects.create(
        engagement=engagement, author=engagement.drafter, subject=engagement.mentor, rating=5
    )
    ThankYouNote.objects.create(
        engagement=engagement, sender=engagement.drafter, receiver=engagement.mentor, body="Ty"
    )
    steps = (
        client_for(engagement.drafter).get("/api/v1/me/dashboard/").json()["drafter"]["next_steps"]
    )
    assert not any(step["text"].startswith("Leave feedback") for step in steps)

    mentor_home = client_for(engagement.mentor).get("/api/v1/me/dashboard/").json()
    assert mentor_home["roles"]["mentor"] is True


def completed_with_endorsement() -> Engagement:
    skill = SkillFactory(name="User research")
    engagement = EngagementFactory(
        application__task=TaskFactory(
            title="Interview five customers", skills=[skill], state=Task.State.CLOSED
        ),
        state=Engagement.State.COMPLETED,
    )
    Engagement.objects.filter(pk=engagement.pk).update(
        completed_at=timezone.now() - datetime.timedelta(days=20)
    )
    feedback = Feedback.objects.create(
        engagement=engagement,
        author=engagement.mentor,
        subject=engagement.drafter,
        rating=5,
        endorsement="Sharp, kind interviews.",
    )
    feedback.endorsed_skills.set([skill])
    engagement.refresh_from_db()
    return engagement


def test_a_verified_experience_is_public_with_a_linkedin_link():
    engagement = completed_with_endorsement()

    body = client_for().get(f"/api/v1/experience/{engagement.pk}/").json()

    assert body["task_title"] == "Interview five customers"
    assert body["endorsement"] == {"text": "Sharp, kind interviews.", "skills": ["User research"]}
    assert body["drafter"]["handle"] == engagement.drafter.profile.handle
    assert body["linkedin_url"].startswith("https://www.linkedin.com/profile/add?")
    assert f"experience%2F{engagement.pk}%2F" in body["linkedin_url"]


def test_unfinished_drafts_are_not_shareable():
    engagement = EngagementFactory(state=Engagement.State.ACTIVE)
    assert client_for().get(f"/api/v1/experience/{engagement.pk}/").status_code == 404
    assert client_for().get(f"/experience/{engagement.pk}/").status_code == 404


def test_the_shared_page_carries_open_graph_tags(client):
    engagement = completed_with_endorsement()

    page = client.get(f"/experience/{engagement.pk}/").content.decode()

    assert '<meta property="og:title"' in page
    assert "Interview five customers" in page
    assert "Skills: User research." in page
    assert "Sharp, kind interviews." in page


def test_profile_lists_a_mentors_open_tasks_and_share_links():
    engagement = completed_with_endorsement()
    open_task = TaskFactory(mentor=engagement.mentor, title="Tidy the survey data")
    TaskFactory(mentor=engagement.mentor, state=Task.State.DRAFT)  # drafts stay private

    mentor = (
        client_for().get(f"/api/v1/profiles/{engagement.mentor.profile.handle}/experience/").json()
    )
    drafter = (
        client_for().get(f"/api/v1/profiles/{engagement.drafter.profile.handle}/experience/").json()
    )

    assert [t["title"] for t in mentor["open_tasks"]] == ["Tidy the survey data"]
    assert mentor["open_tasks"][0]["id"] == open_task.pk
    assert drafter["verified_experience"][0]["share_url"] == f"/experience/{engagement.pk}/"
