"""reconcile_stripe repairs drift: missed webhooks are applied from Stripe's event list, once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import Engagement
from projects.stipends.models import ConnectedAccount, LedgerEntry, Payout, StripeEvent

from .conftest import approve, onboard, pay, transfers_for

pytestmark = pytest.mark.django_db(transaction=True)


def reconcile() -> str:
    out = StringIO()
    call_command("reconcile_stripe", stdout=out)
    return out.getvalue()


def test_missed_webhooks_are_applied_and_a_second_run_changes_nothing(engagement, standin):
    pay(standin, engagement)
    onboard(standin, engagement.drafter)
    # No webhook reached us (endpoint down): the engagement still waits.

    first = reconcile()

    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.ACTIVE
    assert ConnectedAccount.objects.get(user=engagement.drafter).payouts_enabled
    assert "processed" in first
    rows = StripeEvent.objects.count()

    second = reconcile()

    assert "processed" not in second and "duplicate" in second
    assert StripeEvent.objects.count() == rows
    assert LedgerEntry.objects.count() == 1


def test_reconcile_records_a_transfer_whose_answer_was_lost(
    engagement, standin, stripe_api, webhooks
):
    pay(standin, engagement)
    webhooks.deliver()
    account = onboard(standin, engagement.drafter)  # account.updated not delivered
    payout = approve(engagement)
    assert payout.state == Payout.State.PENDING
    stipend = engagement.stipend
    charge = stripe_api.v1.payment_intents.retrieve(stipend.payment_intent_id).latest_charge
    # Our transfer request reached Stripe but its answer never came back.
    made = stripe_api.v1.transfers.create(
        params={
            "amount": payout.amount,
            "currency": "usd",
            "destination": account.stripe_account_id,
            "source_transaction": charge,
            "transfer_group": f"engagement-{engagement.pk}",
            "metadata": {"engagement": str(engagement.pk)},
        },
        options={"idempotency_key": f"payout:{engagement.pk}"},
    )

    reconcile()

    payout.refresh_from_db()
    assert (payout.state, payout.transfer_id) == (Payout.State.PAID, made.id)
    assert len(transfers_for(stripe_api, engagement.pk)) == 1
    assert StripeEvent.objects.filter(type="transfer.created", source="reconcile").exists()


def test_reconcile_needs_a_stripe_key(settings):
    settings.STRIPE_SECRET_KEY = ""

    with pytest.raises(CommandError):
        reconcile()
