"""A refund Stripe could not make is not forgotten: the task fails visibly, the hourly job
retries it, and staff can retry refunds and payouts from the admin (issue 14, item 2)."""

import pytest
from django.tasks import TaskResultStatus
from django.test import Client

from projects.stipends import tasks
from projects.stipends.models import LedgerEntry, Payout, Stipend
from projects.tasks import stipends_due_run
from tests.factories import UserFactory

from .conftest import approve, cancel, onboard, pay

pytestmark = pytest.mark.django_db(transaction=True)
STRIPE_DOWN = "http://127.0.0.1:9"


@pytest.fixture
def funded(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    return engagement


def test_a_refund_that_fails_is_a_failed_task_and_the_hourly_job_makes_it(funded, settings):
    base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = STRIPE_DOWN
    cancel(funded)
    stipend = Stipend.objects.get(engagement=funded)

    again = tasks.stipend_refund.enqueue(stipend_id=stipend.pk)

    assert again.status == TaskResultStatus.FAILED
    assert Stipend.objects.get(pk=stipend.pk).state == Stipend.State.FUNDED
    assert stipends_due_run.call()["refunds_retried"] == 0  # still down: still owed

    settings.STRIPE_API_BASE = base
    done = stipends_due_run.call()

    assert done["refunds_retried"] == 1
    assert Stipend.objects.get(pk=stipend.pk).state == Stipend.State.REFUNDED
    assert LedgerEntry.objects.filter(kind="refund", user=funded.mentor).count() == 1
    assert stipends_due_run.call()["refunds_retried"] == 0


def _admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_retry_a_stuck_refund_from_the_admin(funded, settings):
    base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = STRIPE_DOWN
    cancel(funded)
    stipend = Stipend.objects.get(engagement=funded)
    settings.STRIPE_API_BASE = base

    response = _admin_client().post(
        "/admin/stipends/stipend/",
        {"action": "retry_refund", "_selected_action": [stipend.pk]},
    )

    assert response.status_code == 302
    assert Stipend.objects.get(pk=stipend.pk).state == Stipend.State.REFUNDED


def test_staff_retry_a_stuck_payout_from_the_admin(funded, standin, webhooks, settings):
    onboard(standin, funded.drafter)
    webhooks.deliver()
    base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = STRIPE_DOWN
    approve(funded)
    payout = Payout.objects.get(engagement=funded)
    assert payout.state == Payout.State.PENDING
    settings.STRIPE_API_BASE = base

    response = _admin_client().post(
        "/admin/stipends/payout/",
        {"action": "retry_transfer", "_selected_action": [payout.pk]},
    )

    assert response.status_code == 302
    assert Payout.objects.get(pk=payout.pk).state == Payout.State.PAID
