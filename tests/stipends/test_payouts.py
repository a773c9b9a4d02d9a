"""Release: one Payout per engagement, one Transfer keyed payout:<engagement id>."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import Notification
from projects.models import Engagement
from projects.services.engagements import engagements_auto_approve_due
from projects.stipends.models import LedgerEntry, Payout, Stipend
from projects.stipends.services.connected_accounts import connected_account_refresh

from .conftest import STIPEND, approve, onboard, pay, transfers_for

pytestmark = pytest.mark.django_db(transaction=True)

PAYOUT = STIPEND - STIPEND // 10  # 10 % platform fee


@pytest.fixture
def funded(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.ACTIVE
    return engagement


def transfer_events(stripe_api, engagement_id):
    events = stripe_api.v1.events.list(params={"type": "transfer.created", "limit": 100}).data
    return [e for e in events if e.data.object.transfer_group == f"engagement-{engagement_id}"]


def test_approval_pays_an_onboarded_drafter_minus_the_fee(funded, standin, stripe_api, webhooks):
    onboard(standin, funded.drafter)
    webhooks.deliver()

    payout = approve(funded)

    payout.refresh_from_db()
    assert payout.state == Payout.State.PAID
    assert payout.amount == PAYOUT
    [transfer] = transfers_for(stripe_api, funded.pk)
    assert transfer.id == payout.transfer_id
    assert (transfer.amount, transfer.currency) == (PAYOUT, "usd")
    assert transfer.destination == funded.drafter.connected_account.stripe_account_id
    assert transfer.source_transaction.startswith("ch_")
    [event] = transfer_events(stripe_api, funded.pk)
    assert event.request.idempotency_key == f"payout:{funded.pk}"
    assert Stipend.objects.get(engagement=funded).state == Stipend.State.RELEASED
    entry = LedgerEntry.objects.get(user=funded.drafter)
    assert (entry.kind, entry.amount, entry.stripe_object_id) == ("payout", PAYOUT, transfer.id)
    assert Notification.objects.filter(recipient=funded.drafter, kind="stipend_paid")

    webhooks.deliver()  # transfer.created comes back: nothing more happens
    assert LedgerEntry.objects.filter(user=funded.drafter).count() == 1


def test_approving_twice_makes_one_payout_and_one_transfer(funded, standin, stripe_api):
    onboard(standin, funded.drafter)
    connected_account_refresh(user=funded.drafter)

    first = approve(funded)
    second = approve(funded)

    assert first.pk == second.pk
    assert Payout.objects.count() == 1
    assert len(transfers_for(stripe_api, funded.pk)) == 1


def test_payout_waits_for_onboarding_then_is_made_on_account_updated(
    funded, standin, stripe_api, webhooks
):
    payout = approve(funded)

    payout.refresh_from_db()
    assert payout.state == Payout.State.PENDING
    assert transfers_for(stripe_api, funded.pk) == []
    assert Notification.objects.filter(
        recipient=funded.drafter, kind="payout_waiting_for_onboarding"
    )

    onboard(standin, funded.drafter)
    payout.refresh_from_db()
    assert payout.state == Payout.State.PENDING  # still waiting for Stripe to say so
    webhooks.deliver()

    payout.refresh_from_db()
    assert payout.state == Payout.State.PAID
    assert len(transfers_for(stripe_api, funded.pk)) == 1


def test_unfunded_stipend_is_not_paid_out(engagement):
    assert approve(engagement) is None
    assert not Payout.objects.exists()


def deliver_work(engagement, when):
    Engagement.objects.filter(pk=engagement.pk).update(
        state=Engagement.State.DELIVERED, delivered_at=when
    )


def test_auto_release_fourteen_days_after_delivery(funded, standin, stripe_api, webhooks):
    onboard(standin, funded.drafter)
    webhooks.deliver()
    delivered = dt.datetime.now(dt.UTC)
    deliver_work(funded, delivered)

    with time_machine.travel(delivered + dt.timedelta(days=13, hours=23)):
        assert engagements_auto_approve_due() == 0
    assert not Payout.objects.exists()

    with time_machine.travel(delivered + dt.timedelta(days=14, minutes=1)):
        call_command("stipends_due")

    funded.refresh_from_db()
    assert funded.state == Engagement.State.COMPLETED
    assert Payout.objects.get(engagement=funded).state == Payout.State.PAID
    assert len(transfers_for(stripe_api, funded.pk)) == 1
    assert Notification.objects.filter(recipient=funded.mentor, kind="stipend_auto_released")


def test_frozen_stipend_is_not_auto_released(funded, standin, stripe_api, webhooks):
    onboard(standin, funded.drafter)
    stipend = Stipend.objects.get(engagement=funded)
    intent = stripe_api.v1.payment_intents.retrieve(stipend.payment_intent_id)
    standin.create_dispute(intent.latest_charge)
    webhooks.deliver()
    delivered = dt.datetime.now(dt.UTC)
    deliver_work(funded, delivered)

    with time_machine.travel(delivered + dt.timedelta(days=15)):
        assert engagements_auto_approve_due() == 0

    funded.refresh_from_db()
    assert funded.state == Engagement.State.DELIVERED
    assert not Payout.objects.exists()
    assert transfers_for(stripe_api, funded.pk) == []
