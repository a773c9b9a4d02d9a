"""Words the first-use walks found untrue for their reader: a feedback notification that asks
someone to write what they already wrote, and a count limit said as "10 or less"."""

import pytest
from rest_framework import serializers

from accounts.models import Notification
from marketplace.api.messages import speak_plainly
from projects.services.applications import application_accept
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.feedback import feedback_submit
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed():
    mentor, drafter = UserFactory(), UserFactory()
    application = ApplicationFactory(task=TaskFactory(mentor=mentor), drafter=drafter)
    engagement = application_accept(application_id=application.pk, mentor=mentor)
    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://x.org")
    engagement_approve(engagement_id=engagement.pk, mentor=mentor)
    return engagement


def feedback_body(recipient) -> str:
    return Notification.objects.filter(recipient=recipient, kind="feedback").get().body


def test_the_first_feedback_tells_the_other_side_it_shows_once_they_write_theirs(completed):
    feedback_submit(engagement_id=completed.pk, author=completed.mentor, rating=5)

    assert feedback_body(completed.drafter) == (
        "It shows once you have written yours (or after 14 days)."
    )


def test_the_second_feedback_does_not_ask_the_first_writer_to_write_theirs(completed):
    feedback_submit(engagement_id=completed.pk, author=completed.drafter, rating=4)
    feedback_submit(engagement_id=completed.pk, author=completed.mentor, rating=5)

    body = feedback_body(completed.drafter)
    assert "once you have written yours" not in body
    assert body == "You have both written feedback, so you can read theirs now."


def test_a_count_limit_reads_or_fewer(client_for):
    mentor = UserFactory()

    response = client_for(mentor).patch(
        "/api/v1/me/offer-settings/", {"monthly_cap": 11}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["monthly_cap"] == ["Use 10 or fewer."]


def test_an_amount_limit_still_reads_or_less():
    amount = serializers.DecimalField(max_digits=6, decimal_places=2, max_value=500)
    speak_plainly(amount)

    with pytest.raises(serializers.ValidationError) as refused:
        amount.run_validation("600")

    assert refused.value.detail == ["Use 500 or less."]
