"""Refunds to the mentor: recording them (our refund, or charge.refunded)."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.services.notifications import notification_send
from projects import locks
from projects.stipends.models import LedgerEntry, Payout, Stipend
from projects.stipends.selectors import stipend_for_charge
from projects.stipends.services.ledger import ledger_add, money_format
from projects.transitions import SYSTEM, transition_allows, transition_target

logger = logging.getLogger(__name__)


def stipend_record_refund(*, stipend_id: int, refund_id: str = "") -> bool:
    """The mentor's money went back (our refund, or charge.refunded)."""
    with transaction.atomic():
        found = Stipend.objects.filter(pk=stipend_id).values("engagement_id").first()
        if found is None:
            return False
        locks.engagement_lock(engagement_id=found["engagement_id"])
        stipend = locks.stipend_lock(engagement_id=found["engagement_id"])
        assert stipend is not None  # found by its id just above, in this transaction
        if not transition_allows(stipend, "refund", role=SYSTEM):
            return True
        stipend.state = transition_target(stipend, "refund", role=SYSTEM)
        stipend.refund_id = refund_id or stipend.refund_id
        stipend.refunded_at = timezone.now()
        stipend.save()
        engagement = stipend.engagement
        ledger_add(
            key=f"refund:{engagement.pk}",
            user=engagement.mentor,
            stipend=stipend,
            kind=LedgerEntry.Kind.REFUND,
            amount=stipend.amount,
            description=f"Refund of the stipend for “{engagement.task.title}”",
            stripe_object_id=stipend.refund_id,
        )
        # One by one with save(), so the audit trail records each (never queryset.update()).
        for payout in Payout.objects.filter(stipend=stipend, state=Payout.State.PENDING):
            payout.state, payout.failure_code = Payout.State.FAILED, "refunded"
            payout.save(update_fields=["state", "failure_code", "updated_at"])
        notification_send(
            recipient=engagement.mentor,
            kind="stipend_refunded",
            title=f"Refunded {money_format(stipend.amount, stipend.currency)}",
            body=f"The stipend for “{engagement.task.title}” was refunded to your card.",
            url="/ledger/",
        )
    return True


def stipend_charge_refunded(*, charge: dict[str, Any]) -> bool:
    """charge.refunded: record a full refund, whoever made it (us, or staff on Stripe)."""
    stipend = stipend_for_charge(charge.get("id"), charge.get("payment_intent"))
    if stipend is None:
        return False
    if not charge.get("refunded"):
        return True  # a partial refund: recorded by Stripe, nothing to change here
    refund_id = ""
    refunds = (charge.get("refunds") or {}).get("data") or []
    if refunds:
        refund_id = refunds[0].get("id", "")
    return stipend_record_refund(stipend_id=stipend.pk, refund_id=refund_id)
