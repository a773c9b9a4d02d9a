"""Notices that asked for something read true after it is done, and opening the page a notice
points at marks it read."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Notification
from projects.models import Engagement
from projects.services.engagements import engagement_approve
from projects.services.feedback import feedback_submit, thanks_send
from tests.factories import EngagementFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _inbox(user) -> dict[str, dict]:
    results = _client(user).get("/api/v1/me/notifications/").json()["results"]
    return {item["kind"]: item for item in results}


def _approved() -> Engagement:
    engagement = EngagementFactory(
        state=Engagement.State.DELIVERED,
        started_at=timezone.now() - timedelta(days=3),
    )
    engagement_approve(engagement_id=engagement.pk, mentor=engagement.mentor)
    return engagement


def test_approval_notice_stops_asking_for_feedback_and_thanks_once_given():
    engagement = _approved()
    drafter = engagement.drafter
    assert "Leave feedback and thanks" in _inbox(drafter)["engagement_approved"]["body"]

    feedback_submit(engagement_id=engagement.pk, author=drafter, rating=5)
    body = _inbox(drafter)["engagement_approved"]["body"]
    assert "Leave feedback" not in body
    assert "You left feedback" in body

    thanks_send(engagement_id=engagement.pk, sender=drafter, body="Thank you!")
    body = _inbox(drafter)["engagement_approved"]["body"]
    assert "You left feedback and thanks" in body


def test_their_feedback_notice_no_longer_says_write_yours_after_you_did():
    engagement = _approved()
    drafter = engagement.drafter
    feedback_submit(engagement_id=engagement.pk, author=engagement.mentor, rating=5)
    assert "once you have written yours" in _inbox(drafter)["feedback"]["body"]

    feedback_submit(engagement_id=engagement.pk, author=drafter, rating=4)

    body = _inbox(drafter)["feedback"]["body"]
    assert "once you have written yours" not in body
    assert "read theirs now" in body


def test_opening_a_page_marks_read_every_notice_pointing_at_it_and_no_other():
    me, someone = UserFactory(), UserFactory()
    kept = [
        Notification.objects.create(recipient=me, kind="x", title="t", url="/engagements/70/"),
        Notification.objects.create(recipient=someone, kind="x", title="t", url="/offers/5/"),
    ]
    for url in ("/offers/5/", "/offers/5/#accept-heading"):
        Notification.objects.create(recipient=me, kind="x", title="t", url=url)
    Notification.objects.create(recipient=me, kind="x", title="t", url="/offers/50/")

    response = _client(me).post(
        "/api/v1/me/notifications/read/", {"url": "/offers/5/"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {"marked": 2}
    assert Notification.objects.filter(recipient=me, read_at__isnull=True).count() == 2
    for notice in kept:
        notice.refresh_from_db()
        assert notice.read_at is None


@pytest.mark.parametrize("url", ["offers/5/", "//evil.example/", "/offers/5/#x", "/a\x00/"])
def test_mark_read_by_page_refuses_what_is_not_a_page_path(url):
    response = _client(UserFactory()).post(
        "/api/v1/me/notifications/read/", {"url": url}, format="json"
    )
    assert response.status_code == 400
    assert "url" in response.json()["error"]["fields"]
