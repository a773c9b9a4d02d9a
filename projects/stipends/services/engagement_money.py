"""What the lifecycle asks of the money when an engagement is accepted, approved or cancelled.

The lifecycle (projects/services/) calls these inside its own transaction, after locking the
task and the engagement; they lock the stipend and payout next (projects/locks.py)."""

import logging

from django.db import IntegrityError, transaction

from projects import locks
from projects.models import Engagement
from projects.stipends import stripe_client
from projects.stipends.models import Payout, Stipend
from projects.stipends.services import schedule
from projects.stipends.services.funding import stipend_void
from projects.stipends.services.ledger import platform_fee_for
from projects.transitions import SYSTEM, transition_allows

logger = logging.getLogger(__name__)


def stipend_on_engagement_accepted(*, engagement: Engagement) -> Stipend | None:
    """Create the unfunded stipend for an engagement of a paid task (awaiting funding)."""
    task = engagement.task
    if not task.is_paid:
        return None
    assert task.stipend_amount is not None  # a paid task has an amount
    amount = int(task.stipend_amount)
    stipend, _ = Stipend.objects.get_or_create(
        engagement=engagement,
        defaults={
            "amount": amount,
            "currency": task.stipend_currency.lower(),
            "fee_amount": platform_fee_for(amount),
        },
    )
    return stipend


def stipend_on_engagement_approved(*, engagement: Engagement) -> Payout | None:
    """Approval (or auto-release): create the one Payout row, then transfer after commit.

    The caller holds the engagement lock (projects/locks.py); the stipend is locked next."""
    with transaction.atomic():
        locked = engagement
        stipend = locks.stipend_lock(engagement_id=engagement.pk)
        if stipend is None:
            return None
        existing = Payout.objects.filter(engagement=locked).first()
        if existing is not None or not transition_allows(stipend, "pay_out", role=SYSTEM):
            return existing
        try:
            with transaction.atomic():
                payout = Payout.objects.create(
                    engagement=locked,
                    stipend=stipend,
                    drafter_id=locked.drafter_id,
                    amount=stipend.payout_amount,
                    currency=stipend.currency,
                    idempotency_key=stripe_client.payout_key(locked.pk),
                )
        except IntegrityError:
            # Another approval won the race (possible only without row locks, e.g. SQLite).
            return Payout.objects.get(engagement=locked)
        if transition_allows(stipend, "release", role=SYSTEM):
            schedule.payout_transfer_after_commit(payout.pk)
    return payout


def stipend_on_engagement_cancelled(*, engagement: Engagement) -> Stipend | None:
    """Cancellation before approval: refund a funded stipend, void an unfunded one."""
    with transaction.atomic():
        stipend = locks.stipend_lock(engagement_id=engagement.pk)
        if stipend is None:
            return None
        if transition_allows(stipend, "void", role=SYSTEM):
            stipend_void(stipend)
        elif (
            transition_allows(stipend, "refund_on_cancel", role=SYSTEM)
            and not Payout.objects.filter(stipend=stipend).exists()
        ):
            schedule.stipend_refund_after_commit(stipend.pk)
        # A frozen stipend waits for the dispute's outcome (charge.dispute.closed decides).
    return stipend
