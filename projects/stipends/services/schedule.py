"""Stripe calls after commit: each enqueues one task of projects/stipends/tasks.py.

State-recording modules schedule through here; the tasks run projects/stipends/services/
outbound.py, which records results through payouts.py and refunds.py. Neither of those two
imports this module, so no pair of modules imports each other."""

from django.db import transaction

from projects.stipends import tasks


def payout_transfer_after_commit(payout_id: int) -> None:
    transaction.on_commit(lambda: tasks.payout_transfer.enqueue(payout_id=payout_id))


def stipend_refund_after_commit(stipend_id: int) -> None:
    transaction.on_commit(lambda: tasks.stipend_refund.enqueue(stipend_id=stipend_id))


def checkout_expire_after_commit(session_id: str) -> None:
    transaction.on_commit(lambda: tasks.checkout_expire.enqueue(session_id=session_id))
