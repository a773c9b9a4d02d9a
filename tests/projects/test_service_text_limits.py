"""Services never cut what a person wrote: text longer than the field that stores it is
refused with a 400 on that field, naming the limit (taken from the model field), and nothing
changes. The API's input serializers refuse it first; this protects every other caller."""

import pytest

from marketplace.errors import DomainError
from projects.models import Application, Deliverable, Engagement, Feedback
from projects.services.applications import application_decline
from projects.services.engagements import (
    engagement_cancel,
    engagement_deliver,
    engagement_request_revision,
)
from projects.services.feedback import feedback_submit
from tests.factories import ApplicationFactory, EngagementFactory

E = Engagement.State


def limit(model, field):
    return model._meta.get_field(field).max_length


def assert_refused(call, *, field, max_length):
    with pytest.raises(DomainError) as refusal:
        call()
    assert refusal.value.status_code == 400
    assert list(refusal.value.fields) == [field]
    assert f"{max_length:,}" in refusal.value.message


@pytest.mark.django_db
def test_a_decline_note_over_its_limit_is_refused_not_cut():
    application = ApplicationFactory()
    too_long = "n" * (limit(Application, "decline_note") + 1)

    assert_refused(
        lambda: application_decline(
            application_id=application.pk, mentor=application.task.mentor, note=too_long
        ),
        field="note",
        max_length=limit(Application, "decline_note"),
    )
    application.refresh_from_db()
    assert (application.state, application.decline_note) == (Application.State.SUBMITTED, "")


@pytest.mark.django_db
def test_a_note_exactly_at_the_limit_is_kept_whole():
    application = ApplicationFactory()
    exact = "n" * limit(Application, "decline_note")

    application_decline(application_id=application.pk, mentor=application.task.mentor, note=exact)

    application.refresh_from_db()
    assert application.decline_note == exact


@pytest.mark.django_db
def test_a_cancel_reason_over_its_limit_is_refused_not_cut():
    engagement = EngagementFactory(state=E.ACTIVE)
    max_length = limit(Engagement, "cancel_reason")

    assert_refused(
        lambda: engagement_cancel(
            engagement_id=engagement.pk, user=engagement.mentor, reason="r" * (max_length + 1)
        ),
        field="reason",
        max_length=max_length,
    )
    engagement.refresh_from_db()
    assert engagement.state == E.ACTIVE


@pytest.mark.django_db
def test_a_revision_comment_over_its_limit_is_refused_not_cut():
    engagement = EngagementFactory(state=E.DELIVERED)
    max_length = limit(Deliverable, "revision_comment")

    assert_refused(
        lambda: engagement_request_revision(
            engagement_id=engagement.pk, mentor=engagement.mentor, comment="c" * (max_length + 1)
        ),
        field="comment",
        max_length=max_length,
    )
    engagement.refresh_from_db()
    assert engagement.state == E.DELIVERED


@pytest.mark.django_db
def test_a_deliverable_note_over_its_limit_is_refused():
    engagement = EngagementFactory(state=E.ACTIVE)
    max_length = limit(Deliverable, "note")

    assert_refused(
        lambda: engagement_deliver(
            engagement_id=engagement.pk,
            drafter=engagement.drafter,
            link="https://example.org/work",
            note="d" * (max_length + 1),
        ),
        field="note",
        max_length=max_length,
    )
    assert not Deliverable.objects.filter(engagement=engagement).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["text", "endorsement"])
def test_feedback_text_over_its_limit_is_refused_not_cut(field):
    engagement = EngagementFactory(state=E.COMPLETED)
    max_length = limit(Feedback, field)

    assert_refused(
        lambda: feedback_submit(
            engagement_id=engagement.pk,
            author=engagement.mentor,
            rating=5,
            **{field: "f" * (max_length + 1)},
        ),
        field=field,
        max_length=max_length,
    )
    assert not Feedback.objects.filter(engagement=engagement).exists()
