"""Money out: recording transfers to drafters (our own call's answer, or transfer.* events)."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.services.notifications import notification_send
from projects import locks
from projects.stipends.models import LedgerEntry, Payout
from projects.stipends.selectors import engagement_id_of
from projects.stipends.services.ledger import ledger_add, money_format
from projects.transitions import SYSTEM, transition_allows, transition_target

logger = logging.getLogger(__name__)


def payout_waiting_notice(payout: Payout) -> None:
    kind = "payout_waiting_for_onboarding"
    if payout.drafter.notifications.filter(kind=kind, url="/settings/payouts/").exists():
        return
    notification_send(
        recipient=payout.drafter,
        kind=kind,
        title="Set up payouts to receive your stipend",
        body=f"{money_format(payout.amount, payout.currency)} is waiting for you. "
        "Finish payout setup and it is sent automatically.",
        url="/settings/payouts/",
    )


def payout_record_transfer(*, transfer: dict[str, Any]) -> bool:
    """A transfer exists (our call's answer, or transfer.created): mark the payout paid."""
    engagement_id = engagement_id_of(transfer)
    if engagement_id is None:
        return False
    with transaction.atomic():
        engagement = locks.engagement_lock(engagement_id=engagement_id)
        stipend = locks.stipend_lock(engagement_id=engagement_id)
        payout = locks.payout_lock(engagement_id=engagement_id)
        if engagement is None or stipend is None or payout is None:
            return False
        if payout.state not in (Payout.State.PENDING, Payout.State.FAILED):
            return True
        payout.state = Payout.State.PAID
        payout.transfer_id = transfer.get("id") or ""
        payout.failure_code = ""
        payout.paid_at = timezone.now()
        payout.save()
        if transition_allows(stipend, "release", role=SYSTEM):
            stipend.state = transition_target(stipend, "release", role=SYSTEM)
            stipend.released_at = payout.paid_at
            stipend.save(update_fields=["state", "released_at", "updated_at"])
        ledger_add(
            key=f"payout:{engagement_id}",
            user=engagement.drafter,
            stipend=stipend,
            kind=LedgerEntry.Kind.PAYOUT,
            amount=payout.amount,
            description=f"Stipend for “{engagement.task.title}” "
            f"({money_format(stipend.fee_amount, stipend.currency)} platform fee kept)",
            stripe_object_id=payout.transfer_id,
        )
        notification_send(
            recipient=engagement.drafter,
            kind="stipend_paid",
            title=f"You were paid {money_format(payout.amount, payout.currency)}",
            body=f"Your stipend for “{engagement.task.title}” is on its way to your bank.",
            url="/ledger/",
        )
    return True


def payout_record_reversal(*, transfer: dict[str, Any]) -> bool:
    """transfer.reversed (in full): the drafter's payout was taken back."""
    with transaction.atomic():
        payout = locks.payout_lock_by_transfer(transfer_id=transfer.get("id") or "")
        if payout is None:
            return False
        if payout.state == Payout.State.PAID and transfer.get("reversed"):
            payout.state = Payout.State.REVERSED
            payout.save(update_fields=["state", "updated_at"])
    return True
