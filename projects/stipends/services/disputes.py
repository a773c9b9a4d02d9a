"""Disputes: a disputed payment freezes the stipend until the bank decides."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.notifications import notification_send
from projects import locks
from projects.models import Engagement
from projects.stipends.models import LedgerEntry, Payout
from projects.stipends.selectors import stipend_for_charge
from projects.stipends.services import schedule
from projects.stipends.services.ledger import ledger_add, money_format
from projects.transitions import SYSTEM, transition_allows, transition_target

logger = logging.getLogger(__name__)


def stipend_dispute_opened(*, dispute: dict[str, Any]) -> bool:
    """charge.dispute.created: freeze an unpaid stipend and tell site staff."""
    with transaction.atomic():
        found = stipend_for_charge(dispute.get("charge"), dispute.get("payment_intent"))
        if found is None:
            return False
        # The documented order: the engagement (and its task) first, then its stipend.
        locks.engagement_lock(engagement_id=found.engagement_id)
        stipend = locks.stipend_lock(engagement_id=found.engagement_id)
        if stipend is None:
            return False
        if stipend.dispute_id == dispute.get("id"):
            return True
        stipend.dispute_id = dispute.get("id") or ""
        if not stipend.charge_id:
            stipend.charge_id = dispute.get("charge") or ""
        if transition_allows(stipend, "freeze", role=SYSTEM):
            stipend.state = transition_target(stipend, "freeze", role=SYSTEM)
            stipend.frozen_at = timezone.now()
        stipend.save()
        amount = money_format(int(dispute.get("amount") or stipend.amount), stipend.currency)
        for staff in User.objects.filter(is_staff=True, is_active=True):
            notification_send(
                recipient=staff,
                kind="payment_disputed",
                title=f"Payment disputed: engagement {stipend.engagement_id}",
                body=f"The mentor's bank disputes {amount} (dispute {stipend.dispute_id}, "
                f"reason: {dispute.get('reason', 'unknown')}). The stipend is {stipend.state}.",
                url=f"/admin/stipends/stipend/{stipend.pk}/change/",
            )
    return True


def stipend_dispute_closed(*, dispute: dict[str, Any]) -> bool:
    """charge.dispute.closed: won unfreezes (and pays or refunds as due); lost gives it back."""
    with transaction.atomic():
        found = stipend_for_charge(dispute.get("charge"), dispute.get("payment_intent"))
        if found is None:
            return False
        engagement = locks.engagement_lock(engagement_id=found.engagement_id)
        stipend = locks.stipend_lock(engagement_id=found.engagement_id)
        # Both were found through the stipend just above, in this transaction.
        assert engagement is not None and stipend is not None
        if not transition_allows(stipend, "unfreeze", role=SYSTEM):
            return True  # not frozen (any more): nothing waits for this dispute
        if dispute.get("status") == "won":
            stipend.state = transition_target(stipend, "unfreeze", role=SYSTEM)
            stipend.save(update_fields=["state", "updated_at"])
            payout = Payout.objects.filter(stipend=stipend, state=Payout.State.PENDING).first()
            if payout is not None:
                schedule.payout_transfer_after_commit(payout.pk)
            elif engagement.state == Engagement.State.CANCELLED and transition_allows(
                stipend, "refund_on_cancel", role=SYSTEM
            ):
                schedule.stipend_refund_after_commit(stipend.pk)
            return True
        if dispute.get("status") == "lost":
            stipend.state = transition_target(stipend, "forfeit", role=SYSTEM)
            stipend.refunded_at = timezone.now()
            stipend.save(update_fields=["state", "refunded_at", "updated_at"])
            ledger_add(
                key=f"dispute:{engagement.pk}",
                user=engagement.mentor,
                stipend=stipend,
                kind=LedgerEntry.Kind.DISPUTE_LOST,
                amount=stipend.amount,
                description="Stipend returned to your card by your bank (dispute)",
                stripe_object_id=dispute.get("id") or "",
            )
            # One by one with save(), so the audit trail records each (never queryset.update()).
            for payout in Payout.objects.filter(stipend=stipend, state=Payout.State.PENDING):
                payout.state, payout.failure_code = Payout.State.FAILED, "dispute_lost"
                payout.save(update_fields=["state", "failure_code", "updated_at"])
    return True
