"""A "leave feedback" notice stops being something to do once that person has written theirs."""

import pytest

from accounts.models import Notification
from projects.services.applications import application_accept
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.feedback import feedback_submit
from tests.factories import ApplicationFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(mentor, drafter):
    task = TaskFactory(mentor=mentor, title="Interview five users")
    application = ApplicationFactory(task=task, drafter=drafter)
    engagement = application_accept(application_id=application.pk, mentor=mentor)
    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://example.org/r")
    engagement_approve(engagement_id=engagement.pk, mentor=mentor)
    return engagement


def unread(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind, read_at__isnull=True)


def test_approval_notice_links_to_the_feedback_section(drafter, completed):
    notice = Notification.objects.get(recipient=drafter, kind="engagement_approved")
    assert notice.url == f"/engagements/{completed.pk}/#feedback-heading"


def test_drafter_feedback_resolves_their_leave_feedback_notice(client_for, drafter, completed):
    assert unread(drafter, "engagement_approved").exists()
    before = client_for(drafter).get("/api/v1/me/notifications/").json()["unread_count"]

    feedback_submit(engagement_id=completed.pk, author=drafter, rating=5)

    assert not unread(drafter, "engagement_approved").exists()
    after = client_for(drafter).get("/api/v1/me/notifications/").json()["unread_count"]
    assert after == before - 1


def test_mentor_feedback_resolves_the_they_left_feedback_notice(mentor, drafter, completed):
    feedback_submit(engagement_id=completed.pk, author=drafter, rating=5)
    # "Sam left feedback … it shows once you have written yours" asks the mentor to write.
    assert unread(mentor, "feedback").exists()

    feedback_submit(engagement_id=completed.pk, author=mentor, rating=4)

    assert not unread(mentor, "feedback").exists()
    # The drafter's new "they left feedback, read it now" notice is news, not resolved.
    assert unread(drafter, "feedback").exists()


def test_feedback_leaves_notices_about_other_engagements_alone(mentor, drafter, completed):
    other_task = TaskFactory(mentor=mentor, title="Second task")
    other = application_accept(
        application_id=ApplicationFactory(task=other_task, drafter=drafter).pk, mentor=mentor
    )
    engagement_deliver(engagement_id=other.pk, drafter=drafter, link="https://example.org/2")
    engagement_approve(engagement_id=other.pk, mentor=mentor)

    feedback_submit(engagement_id=completed.pk, author=drafter, rating=5)

    remaining = unread(drafter, "engagement_approved")
    assert [n.url for n in remaining] == [f"/engagements/{other.pk}/#feedback-heading"]
