"""Outbound Stripe calls that move money, run from tasks after commit (never in a request's
transaction). Each records its result through payouts.py or refunds.py."""

import contextlib
import logging

from django.db import transaction

from projects import locks
from projects.models import Engagement
from projects.stipends import stripe_client
from projects.stipends.models import ConnectedAccount, Payout, Stipend
from projects.stipends.services.payouts import payout_record_transfer, payout_waiting_notice
from projects.stipends.services.refunds import stipend_record_refund
from projects.transitions import SYSTEM, transition_allows

logger = logging.getLogger(__name__)


def payout_execute(*, payout_id: int) -> Payout:
    """Make the transfer for a pending payout, if the stipend and the drafter are ready.

    Runs after commit (a task). The Stripe call happens outside any transaction; the
    idempotency key `payout:<engagement id>` makes concurrent or repeated calls one transfer.
    """
    payout = Payout.objects.select_related("stipend").get(pk=payout_id)
    stipend = payout.stipend
    if payout.state != Payout.State.PENDING or not transition_allows(
        stipend, "release", role=SYSTEM
    ):
        return payout
    account = ConnectedAccount.objects.filter(user_id=payout.drafter_id).first()
    if account is None or not account.payouts_enabled:
        # Made later, when account.updated says payouts are enabled.
        payout_waiting_notice(payout)
        return payout
    try:
        charge_id = stipend.charge_id or _charge_of(stipend)
        transfer = stripe_client.transfer_create(
            engagement_id=payout.engagement_id,
            amount=payout.amount,
            currency=payout.currency,
            destination=account.stripe_account_id,
            source_transaction=charge_id,
        )
    except stripe_client.PaymentProviderError as exc:
        logger.warning("transfer for payout %s failed: %s (%s)", payout.pk, exc, exc.code)
        with transaction.atomic():
            locked = locks.payout_lock(engagement_id=payout.engagement_id)
            assert locked is not None  # the payout being transferred; payouts are never deleted
            if locked.state == Payout.State.PENDING:
                locked.failure_code = (exc.code or "provider_error")[:100]
                if not exc.retryable and exc.code != "insufficient_capabilities_for_transfer":
                    locked.state = Payout.State.FAILED
                locked.save(update_fields=["failure_code", "state", "updated_at"])
        if exc.retryable:
            raise  # recorded as a failed task; payouts_retry_pending tries again
        payout.refresh_from_db()
        return payout
    payout_record_transfer(transfer=transfer)
    payout.refresh_from_db()
    return payout


def _charge_of(stipend: Stipend) -> str:
    intent = stripe_client.payment_intent_retrieve(payment_intent_id=stipend.payment_intent_id)
    charge_id = intent.get("latest_charge") or ""
    if isinstance(charge_id, dict):
        charge_id = charge_id.get("id", "")
    Stipend.objects.filter(pk=stipend.pk, charge_id="").update(charge_id=charge_id)
    stipend.charge_id = charge_id
    return charge_id


def stipend_refund_execute(*, stipend_id: int) -> Stipend:
    """Refund the mentor in full, by payment intent (after commit; idempotent)."""
    stipend = Stipend.objects.select_related("engagement").get(pk=stipend_id)
    if not transition_allows(stipend, "refund_on_cancel", role=SYSTEM) or (
        stipend.engagement.state != Engagement.State.CANCELLED
    ):
        return stipend
    if Payout.objects.filter(stipend=stipend).exists():
        return stipend  # released money is never refunded from here
    try:
        refund = stripe_client.refund_create(
            engagement_id=stipend.engagement_id, payment_intent_id=stipend.payment_intent_id
        )
    except stripe_client.PaymentProviderError as exc:
        if exc.code != "charge_already_refunded":
            logger.warning("refund of stipend %s failed: %s (%s)", stipend.pk, exc, exc.code)
            # Raised, so the task is recorded as failed; the stipend stays funded and the
            # hourly stipends_refunds_retry (or staff, from the admin) tries again.
            raise
        refund = {"id": "", "amount": stipend.amount}
    stipend_record_refund(stipend_id=stipend.pk, refund_id=refund.get("id") or "")
    stipend.refresh_from_db()
    return stipend


def payouts_retry_pending() -> int:
    """Payouts that could not be made (provider down) are tried again."""
    ready = Payout.objects.filter(
        state=Payout.State.PENDING,
        stipend__state=Stipend.State.FUNDED,
        drafter__connected_account__payouts_enabled=True,
    ).values_list("pk", flat=True)
    count = 0
    for payout_id in list(ready):
        try:
            payout_execute(payout_id=payout_id)
        except stripe_client.PaymentProviderError:
            continue  # logged; still pending for the next run
        count += 1
    return count


def refunds_owed() -> list[int]:
    """Stipends still funded although their engagement was cancelled and nothing was paid out:
    a refund that has not happened yet (Stripe was down, or refused it)."""
    return list(
        Stipend.objects.filter(
            state=Stipend.State.FUNDED,
            engagement__state=Engagement.State.CANCELLED,
            payout__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def stipends_refunds_retry() -> int:
    """Refunds owed are tried again; one that fails again is logged and waits for the next run.

    Returns how many were refunded now.
    """
    refunded = 0
    for stipend_id in refunds_owed():
        try:
            stipend = stipend_refund_execute(stipend_id=stipend_id)
        except stripe_client.PaymentProviderError:
            continue  # logged by stipend_refund_execute; still owed, still visible to staff
        refunded += stipend.state == Stipend.State.REFUNDED
    return refunded


def checkout_session_expire(*, session_id: str) -> None:
    """Close a Checkout page nobody should pay any more."""
    # Already expired, completed (then refunded by the webhook) or gone: nothing to close.
    with contextlib.suppress(stripe_client.PaymentProviderError):
        stripe_client.checkout_session_expire(session_id=session_id)
