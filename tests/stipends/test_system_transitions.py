"""The system's own transitions (lapse when unfunded, auto-approve after 14 days) are lifecycle
functions sharing cancel's and approve's helpers: same notices, same credit, same locks."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection

from accounts.models import Notification
from accounts.services import notifications
from projects.models import Engagement, Introduction, Task
from projects.services.engagements import (
    engagement_cancel,
    engagements_auto_approve_due,
    engagements_lapse_unfunded_due,
)
from projects.stipends.models import Stipend
from tests.factories import UserFactory

from .conftest import make_paid_engagement, onboard, pay


@pytest.fixture
def funded(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    engagement.refresh_from_db()
    return engagement


def test_auto_approve_tells_the_drafter_and_credits_the_introducer(funded, standin, webhooks):
    friend = UserFactory()
    Introduction.objects.create(
        task=funded.task,
        drafter=funded.drafter,
        introducer=friend,
        note="You two should meet.",
        state=Introduction.State.ACCEPTED,
    )
    onboard(standin, funded.drafter)
    webhooks.deliver()
    delivered = dt.datetime.now(dt.UTC)
    Engagement.objects.filter(pk=funded.pk).update(
        state=Engagement.State.DELIVERED, delivered_at=delivered
    )

    with time_machine.travel(delivered + dt.timedelta(days=14, minutes=1)):
        assert engagements_auto_approve_due() == 1

    drafter_kinds = set(funded.drafter.notifications.values_list("kind", flat=True))
    assert "engagement_approved" in drafter_kinds  # "it now shows as verified experience"
    assert friend.notifications.filter(kind="introduction_credited").exists()
    assert funded.mentor.notifications.filter(kind="stipend_auto_released").exists()


def test_a_failing_item_does_not_stop_the_lapse_job(db, monkeypatch):
    first, second = make_paid_engagement(), make_paid_engagement()
    Stipend.objects.update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=8))
    # Notifying the first engagement's mentor fails (the notice edge breaks, as a mail server or
    # a bad row would); the job logs it, rolls that item back and still lapses the second.
    real_send = notifications.notification_send

    def send(*, recipient, **kwargs):
        if recipient.pk == first.mentor_id:
            raise RuntimeError("mail row is broken")
        return real_send(recipient=recipient, **kwargs)

    monkeypatch.setattr("projects.services.engagements.notification_send", send)

    assert engagements_lapse_unfunded_due() == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == Engagement.State.AWAITING_FUNDING  # rolled back, tried next run
    assert second.state == Engagement.State.CANCELLED
    assert Stipend.objects.get(engagement=second).state == Stipend.State.CANCELLED


def _race_lapse_job_against_cancel(engagement) -> tuple[dict, list]:
    start = threading.Barrier(2)
    errors: list[BaseException] = []
    results: dict[str, object] = {}

    def run(name, step):
        try:
            start.wait()
            results[name] = step()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    def cancel():
        return engagement_cancel(
            engagement_id=engagement.pk, user=engagement.drafter, reason="Plans changed."
        )

    threads = [
        threading.Thread(target=run, args=("job", engagements_lapse_unfunded_due)),
        threading.Thread(target=run, args=("cancel", cancel)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "deadlocked"
    return results, errors


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_lapse_job_racing_a_participants_cancel_has_one_outcome():
    """The hourly lapse and the drafter's own cancel take the same locks in the same order:
    neither deadlocks, exactly one cancels, and the slot goes back once."""
    for _ in range(5):
        engagement = make_paid_engagement()
        Task.objects.filter(pk=engagement.task_id).update(filled_slots=1)
        Stipend.objects.filter(engagement=engagement).update(
            created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=8)
        )

        results, errors = _race_lapse_job_against_cancel(engagement)

        engagement.refresh_from_db()
        assert engagement.state == Engagement.State.CANCELLED
        assert Task.objects.get(pk=engagement.task_id).filled_slots == 0
        # Whichever lost found the engagement already cancelled: the job counts 0, or the
        # cancel is refused with a clear 409 — never a deadlock or a double slot release.
        assert all(getattr(exc, "code", "") == "engagement_state_invalid" for exc in errors)
        assert (results.get("job") == 1) != ("cancel" in results)
        lapse_notices = Notification.objects.filter(
            recipient=engagement.drafter, kind="funding_lapsed"
        ).count()
        assert lapse_notices == results.get("job", 0)
