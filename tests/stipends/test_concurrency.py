"""Twenty approvals at once (e.g. a double-clicking mentor and the auto-release job) pay once."""

import threading

import pytest
from django.db import connection

from projects.models import Engagement
from projects.stipends.models import LedgerEntry, Payout
from projects.stipends.services.engagement_money import stipend_on_engagement_approved

from .conftest import onboard, pay, transfers_for

THREADS = 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_approvals_make_one_payout_and_one_transfer(
    engagement, standin, stripe_api, webhooks
):
    pay(standin, engagement)
    onboard(standin, engagement.drafter)
    webhooks.deliver()
    Engagement.objects.filter(pk=engagement.pk).update(state=Engagement.State.COMPLETED)
    engagement.refresh_from_db()
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def approve() -> None:
        try:
            start.wait()
            stipend_on_engagement_approved(engagement=engagement)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Payout.objects.filter(engagement=engagement).count() == 1
    assert Payout.objects.get(engagement=engagement).state == Payout.State.PAID
    assert len(transfers_for(stripe_api, engagement.pk)) == 1
    assert LedgerEntry.objects.filter(user=engagement.drafter).count() == 1
