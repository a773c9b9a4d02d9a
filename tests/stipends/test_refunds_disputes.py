"""Cancellation refunds the mentor; disputes freeze unpaid stipends and tell site staff."""

import pytest

from accounts.models import Notification
from projects.models import Engagement
from projects.stipends.models import LedgerEntry, Payout, Stipend
from projects.stipends.services.checkout import engagement_fund_start

from .conftest import STIPEND, approve, cancel, onboard, pay, staff_user, transfers_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def funded(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    return engagement


def charge_of(stripe_api, engagement):
    stipend = Stipend.objects.get(engagement=engagement)
    return stripe_api.v1.payment_intents.retrieve(stipend.payment_intent_id).latest_charge


def test_cancelling_a_funded_engagement_refunds_the_mentor_in_full(funded, stripe_api, webhooks):
    cancel(funded)

    stipend = Stipend.objects.get(engagement=funded)
    assert stipend.state == Stipend.State.REFUNDED
    refund = stripe_api.v1.refunds.retrieve(stipend.refund_id)
    assert (refund.amount, refund.payment_intent) == (STIPEND, stipend.payment_intent_id)
    entry = LedgerEntry.objects.get(user=funded.mentor, kind="refund")
    assert entry.amount == STIPEND
    assert Notification.objects.filter(recipient=funded.mentor, kind="stipend_refunded")

    delivered = webhooks.deliver()  # charge.refunded arrives afterwards: recorded, no change

    assert "charge.refunded" in [event["type"] for event in delivered]
    assert LedgerEntry.objects.filter(user=funded.mentor, kind="refund").count() == 1


def test_cancelling_twice_refunds_once(funded, stripe_api):
    cancel(funded)
    cancel(funded)

    stipend = Stipend.objects.get(engagement=funded)
    refunds = stripe_api.v1.refunds.list(params={"payment_intent": stipend.payment_intent_id})
    assert len(refunds.data) == 1


def test_cancelling_an_unfunded_engagement_closes_the_checkout(engagement, stripe_api):
    engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)
    session_id = Stipend.objects.get(engagement=engagement).checkout_session_id

    cancel(engagement)

    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.CANCELLED
    assert stripe_api.v1.checkout.sessions.retrieve(session_id).status == "expired"
    assert not LedgerEntry.objects.exists()


def test_refund_made_on_stripe_is_recorded_from_charge_refunded(funded, stripe_api, webhooks):
    stipend = Stipend.objects.get(engagement=funded)
    stripe_api.v1.refunds.create(params={"payment_intent": stipend.payment_intent_id})

    webhooks.deliver()

    stipend.refresh_from_db()
    assert stipend.state == Stipend.State.REFUNDED
    assert approve(funded) is None  # refunded money is never paid out
    assert not Payout.objects.exists()


def test_dispute_freezes_an_unpaid_payout_and_tells_site_staff(
    funded, standin, stripe_api, webhooks
):
    staff = staff_user()
    onboard(standin, funded.drafter)
    standin.create_dispute(charge_of(stripe_api, funded))

    webhooks.deliver()
    payout = approve(funded)

    stipend = Stipend.objects.get(engagement=funded)
    assert stipend.state == Stipend.State.FROZEN
    assert stipend.dispute_id.startswith("dp_")
    assert payout.state == Payout.State.PENDING
    assert transfers_for(stripe_api, funded.pk) == []
    note = Notification.objects.get(recipient=staff, kind="payment_disputed")
    assert str(funded.pk) in note.title
    assert not Notification.objects.filter(kind="payment_disputed").exclude(recipient=staff)


def test_dispute_won_unfreezes_and_pays_the_waiting_payout(funded, standin, stripe_api, webhooks):
    onboard(standin, funded.drafter)
    dispute = standin.create_dispute(charge_of(stripe_api, funded))
    webhooks.deliver()
    approve(funded)

    standin.close_dispute(dispute["id"], "won")
    webhooks.deliver()

    assert Stipend.objects.get(engagement=funded).state == Stipend.State.RELEASED
    assert Payout.objects.get(engagement=funded).state == Payout.State.PAID
    assert len(transfers_for(stripe_api, funded.pk)) == 1


def test_dispute_lost_returns_the_money_and_nothing_is_paid(funded, standin, stripe_api, webhooks):
    onboard(standin, funded.drafter)
    dispute = standin.create_dispute(charge_of(stripe_api, funded))
    webhooks.deliver()
    approve(funded)

    standin.close_dispute(dispute["id"], "lost")
    webhooks.deliver()

    assert Stipend.objects.get(engagement=funded).state == Stipend.State.REFUNDED
    assert Payout.objects.get(engagement=funded).state == Payout.State.FAILED
    assert transfers_for(stripe_api, funded.pk) == []
    assert LedgerEntry.objects.get(user=funded.mentor, kind="dispute_lost").amount == STIPEND


def test_dispute_won_after_cancellation_refunds(funded, standin, stripe_api, webhooks):
    dispute = standin.create_dispute(charge_of(stripe_api, funded))
    webhooks.deliver()
    cancel(funded)
    assert Stipend.objects.get(engagement=funded).state == Stipend.State.FROZEN

    standin.close_dispute(dispute["id"], "won")
    webhooks.deliver()

    funded.refresh_from_db()
    assert funded.state == Engagement.State.CANCELLED
    assert Stipend.objects.get(engagement=funded).state == Stipend.State.REFUNDED
