"""Writes for stipends: one function per money transition (DESIGN.md "Stipends").

Rules every function here keeps:
- Rows are locked in one order: engagement, then stipend, then payout.
- Stripe is called outside database transactions (after commit, usually from a task), and every
  mutating call carries an idempotency key derived from our ids (see stripe_client.py).
- Transitions only move forward, so a replayed or out-of-order webhook changes nothing.
- Each money movement writes one ledger row with a unique key, so repeats cannot double it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import notification_send
from marketplace.errors import Conflict, DomainError, NotFound
from projects.models import Engagement
from projects.stipends import error_codes, lifecycle_bridge, stripe_client, tasks
from projects.stipends.models import ConnectedAccount, LedgerEntry, Payout, Stipend

logger = logging.getLogger(__name__)

FUNDING_WINDOW = timedelta(days=7)
AUTO_RELEASE_AFTER = timedelta(days=14)


def _money(amount: int, currency: str) -> str:
    return f"{Decimal(amount) / 100:.2f} {currency.upper()}"


def platform_fee_for(amount: int) -> int:
    fee = Decimal(amount) * Decimal(str(settings.PLATFORM_FEE_PERCENT)) / 100
    return int(fee.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _ledger_add(
    *,
    key: str,
    user: User,
    stipend: Stipend,
    kind: str,
    amount: int,
    description: str,
    stripe_object_id: str = "",
) -> None:
    """Append a ledger row once: the unique key turns a repeat into a no-op."""
    if LedgerEntry.objects.filter(key=key).exists():
        return
    LedgerEntry.objects.create(
        key=key,
        user=user,
        stipend=stipend,
        kind=kind,
        amount=amount,
        currency=stipend.currency,
        description=description[:200],
        stripe_object_id=stripe_object_id,
    )


def _provider_unavailable(exc: stripe_client.PaymentProviderError) -> DomainError:
    return DomainError(
        "The payment provider could not be reached. Please try again in a moment.",
        code=error_codes.PAYMENT_PROVIDER_UNAVAILABLE,
        status_code=503,
    )


# --- Lifecycle seams (called by projects/services.py) ------------------------------------------


def stipend_on_engagement_accepted(*, engagement: Engagement) -> Stipend | None:
    """Create the unfunded stipend for an engagement of a paid task (awaiting funding)."""
    task = engagement.task
    if not task.is_paid:
        return None
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


def engagement_fund_start(*, engagement_id: int, user: User) -> str:
    """The mentor's "Fund stipend": return a Stripe Checkout URL for the engagement's stipend.

    Only the checkout.session.completed webhook funds the stipend; the redirect back proves
    nothing. An open session is reused, so two clicks give the same page.
    """
    with transaction.atomic():
        engagement = (
            Engagement.objects.select_for_update()
            .select_related("task")
            .filter(pk=engagement_id, mentor=user)
            .first()
        )
        if engagement is None:
            raise NotFound("No such engagement.", code=error_codes.ENGAGEMENT_NOT_FOUND)
        if not engagement.task.is_paid:
            raise Conflict("This task has no stipend to fund.", code=error_codes.TASK_UNPAID)
        stipend = Stipend.objects.select_for_update().filter(engagement=engagement).first()
        if stipend is None and engagement.state == Engagement.State.AWAITING_FUNDING:
            stipend = stipend_on_engagement_accepted(engagement=engagement)
        if stipend is not None and stipend.state not in (
            Stipend.State.UNFUNDED,
            Stipend.State.CANCELLED,
        ):
            raise Conflict("This stipend is already funded.", code=error_codes.ALREADY_FUNDED)
        if stipend is None or engagement.state != Engagement.State.AWAITING_FUNDING:
            raise Conflict(
                "This engagement is not waiting for funding.",
                code=error_codes.NOT_AWAITING_FUNDING,
            )
        if stipend.checkout_url:
            return stipend.checkout_url
        attempt = stipend.checkout_attempts + 1
        task_title = engagement.task.title

    # Outside the transaction: no row lock is held while Stripe answers.
    site = settings.SITE_URL
    try:
        session = stripe_client.checkout_session_create(
            engagement_id=engagement.pk,
            attempt=attempt,
            amount=stipend.amount,
            currency=stipend.currency,
            product_name=f"Drafting stipend: {task_title}"[:250],
            customer_email=user.email,
            success_url=f"{site}/engagements/{engagement.pk}/?checkout=success",
            cancel_url=f"{site}/engagements/{engagement.pk}/?checkout=cancelled",
        )
    except stripe_client.PaymentProviderError as exc:
        raise _provider_unavailable(exc) from exc

    with transaction.atomic():
        stipend = Stipend.objects.select_for_update().get(pk=stipend.pk)
        if stipend.state == Stipend.State.UNFUNDED and stipend.checkout_attempts < attempt:
            stipend.checkout_session_id = session["id"]
            stipend.checkout_url = session["url"]
            stipend.checkout_attempts = attempt
            stipend.save(
                update_fields=[
                    "checkout_session_id",
                    "checkout_url",
                    "checkout_attempts",
                    "updated_at",
                ]
            )
    return session["url"]


def stipend_on_engagement_approved(*, engagement: Engagement) -> Payout | None:
    """Approval (or auto-release): create the one Payout row, then transfer after commit."""
    with transaction.atomic():
        locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
        stipend = Stipend.objects.select_for_update().filter(engagement=locked).first()
        if stipend is None:
            return None
        existing = Payout.objects.filter(engagement=locked).first()
        if existing is not None or stipend.state not in (
            Stipend.State.FUNDED,
            Stipend.State.FROZEN,
        ):
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
        if stipend.state == Stipend.State.FUNDED:
            _schedule_payout(payout.pk)
    return payout


def stipend_on_engagement_cancelled(*, engagement: Engagement) -> Stipend | None:
    """Cancellation before approval: refund a funded stipend, void an unfunded one."""
    with transaction.atomic():
        stipend = Stipend.objects.select_for_update().filter(engagement_id=engagement.pk).first()
        if stipend is None:
            return None
        if stipend.state == Stipend.State.UNFUNDED:
            _stipend_void(stipend)
        elif (
            stipend.state == Stipend.State.FUNDED
            and not Payout.objects.filter(stipend=stipend).exists()
        ):
            transaction.on_commit(lambda: tasks.stipend_refund.enqueue(stipend_id=stipend.pk))
        # A frozen stipend waits for the dispute's outcome (charge.dispute.closed decides).
    return stipend


def _stipend_void(stipend: Stipend) -> None:
    session_id = stipend.checkout_session_id
    stipend.state = Stipend.State.CANCELLED
    stipend.checkout_url = ""
    stipend.save(update_fields=["state", "checkout_url", "updated_at"])
    if session_id:
        transaction.on_commit(lambda: tasks.checkout_expire.enqueue(session_id=session_id))


def _schedule_payout(payout_id: int) -> None:
    transaction.on_commit(lambda: tasks.payout_transfer.enqueue(payout_id=payout_id))


# --- Drafter onboarding ------------------------------------------------------------------------


def connected_account_ensure(*, user: User) -> ConnectedAccount:
    """The user's connected account, created on Stripe first (idempotently) when missing."""
    account = ConnectedAccount.objects.filter(user=user).first()
    if account is not None:
        return account
    try:
        remote = stripe_client.account_create(user_id=user.pk, email=user.email)
    except stripe_client.PaymentProviderError as exc:
        raise _provider_unavailable(exc) from exc
    try:
        with transaction.atomic():
            account = ConnectedAccount.objects.create(user=user, stripe_account_id=remote["id"])
    except IntegrityError:
        # A second click in flight got the same account (same idempotency key) and saved it.
        return ConnectedAccount.objects.get(user=user)
    _account_apply(account, remote)
    account.save()
    return account


def connected_account_onboarding_link(*, user: User) -> str:
    """A fresh Stripe-hosted onboarding link for the drafter (links are single-use)."""
    account = connected_account_ensure(user=user)
    with transaction.atomic():
        account = ConnectedAccount.objects.select_for_update().get(pk=account.pk)
        account.links_created += 1
        account.save(update_fields=["links_created", "updated_at"])
    page = f"{settings.SITE_URL}/settings/payouts/"
    try:
        link = stripe_client.account_link_create(
            account_id=account.stripe_account_id,
            link_key=f"account-link:{account.pk}:{account.links_created}",
            refresh_url=f"{page}?onboarding=expired",
            return_url=f"{page}?onboarding=returned",
        )
    except stripe_client.PaymentProviderError as exc:
        raise _provider_unavailable(exc) from exc
    return link["url"]


def connected_account_refresh(*, user: User) -> ConnectedAccount | None:
    """Re-read the drafter's account from Stripe (the onboarding return page does this)."""
    account = ConnectedAccount.objects.filter(user=user).first()
    if account is None or account.payouts_enabled:
        return account
    try:
        remote = stripe_client.account_retrieve(account_id=account.stripe_account_id)
    except stripe_client.PaymentProviderError:
        logger.warning("could not refresh connected account %s", account.stripe_account_id)
        return account
    connected_account_sync(account=remote)
    account.refresh_from_db()
    return account


def _account_apply(account: ConnectedAccount, remote: dict[str, Any]) -> None:
    account.charges_enabled = bool(remote.get("charges_enabled"))
    account.payouts_enabled = bool(remote.get("payouts_enabled"))
    account.details_submitted = bool(remote.get("details_submitted"))
    account.requirements_due = list((remote.get("requirements") or {}).get("currently_due") or [])


def connected_account_sync(*, account: dict[str, Any]) -> bool:
    """account.updated: keep the flags in sync and make payouts that waited for onboarding."""
    with transaction.atomic():
        local = (
            ConnectedAccount.objects.select_for_update()
            .filter(stripe_account_id=account.get("id"))
            .first()
        )
        if local is None:
            return False
        _account_apply(local, account)
        local.save()
        if local.payouts_enabled:
            waiting = Payout.objects.filter(
                drafter_id=local.user_id,
                state=Payout.State.PENDING,
                stipend__state=Stipend.State.FUNDED,
            ).values_list("pk", flat=True)
            for payout_id in waiting:
                _schedule_payout(payout_id)
    return True


# --- Money in ----------------------------------------------------------------------------------


def _engagement_id_of(obj: dict[str, Any]) -> int | None:
    raw = (obj.get("metadata") or {}).get("engagement")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def stipend_fund_from_checkout(*, session: dict[str, Any]) -> bool:
    """checkout.session.completed (paid) or async_payment_succeeded: fund and activate.

    False when the session is unpaid or not ours (the caller records the event as ignored).
    """
    if session.get("payment_status") != "paid":
        return False
    engagement_id = _engagement_id_of(session)
    if engagement_id is None:
        return False
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().filter(pk=engagement_id).first()
        stipend = Stipend.objects.select_for_update().filter(engagement_id=engagement_id).first()
        if engagement is None or stipend is None:
            return False
        if stipend.state not in (Stipend.State.UNFUNDED, Stipend.State.CANCELLED):
            return True  # already funded: a replay, or events out of order
        was_cancelled = stipend.state == Stipend.State.CANCELLED
        stipend.state = Stipend.State.FUNDED
        stipend.payment_intent_id = session.get("payment_intent") or ""
        stipend.checkout_session_id = session.get("id") or stipend.checkout_session_id
        stipend.checkout_url = ""
        stipend.funded_at = timezone.now()
        stipend.save()
        _ledger_add(
            key=f"charge:{engagement_id}",
            user=engagement.mentor,
            stipend=stipend,
            kind=LedgerEntry.Kind.STIPEND_PAID,
            amount=-stipend.amount,
            description=f"Stipend for “{engagement.task.title}”",
            stripe_object_id=stipend.payment_intent_id,
        )
        if was_cancelled or engagement.state == Engagement.State.CANCELLED:
            # Paid after the engagement was cancelled or lapsed: the money goes straight back.
            transaction.on_commit(lambda: tasks.stipend_refund.enqueue(stipend_id=stipend.pk))
            return True
        lifecycle_bridge.engagement_activate_after_funding(engagement_id=engagement_id)
    return True


def stipend_checkout_expired(*, session: dict[str, Any]) -> bool:
    """checkout.session.expired: forget the session so the mentor can start a new one."""
    engagement_id = _engagement_id_of(session)
    with transaction.atomic():
        stipend = Stipend.objects.select_for_update().filter(engagement_id=engagement_id).first()
        if stipend is None:
            return False
        if stipend.state == Stipend.State.UNFUNDED and stipend.checkout_session_id == session.get(
            "id"
        ):
            stipend.checkout_session_id = ""
            stipend.checkout_url = ""
            stipend.save(update_fields=["checkout_session_id", "checkout_url", "updated_at"])
    return True


# --- Money out ---------------------------------------------------------------------------------


def payout_execute(*, payout_id: int) -> Payout:
    """Make the transfer for a pending payout, if the stipend and the drafter are ready.

    Runs after commit (a task). The Stripe call happens outside any transaction; the
    idempotency key `payout:<engagement id>` makes concurrent or repeated calls one transfer.
    """
    payout = Payout.objects.select_related("stipend").get(pk=payout_id)
    stipend = payout.stipend
    if payout.state != Payout.State.PENDING or stipend.state != Stipend.State.FUNDED:
        return payout
    account = ConnectedAccount.objects.filter(user_id=payout.drafter_id).first()
    if account is None or not account.payouts_enabled:
        # Made later, when account.updated says payouts are enabled.
        _payout_waiting_notice(payout)
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
            locked = Payout.objects.select_for_update().get(pk=payout.pk)
            if locked.state == Payout.State.PENDING:
                locked.failure_code = (exc.code or "provider_error")[:100]
                if not exc.retryable and exc.code != "insufficient_capabilities_for_transfer":
                    locked.state = Payout.State.FAILED
                locked.save(update_fields=["failure_code", "state", "updated_at"])
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


def _payout_waiting_notice(payout: Payout) -> None:
    kind = "payout_waiting_for_onboarding"
    if payout.drafter.notifications.filter(kind=kind, url="/settings/payouts/").exists():
        return
    notification_send(
        recipient=payout.drafter,
        kind=kind,
        title="Set up payouts to receive your stipend",
        body=f"{_money(payout.amount, payout.currency)} is waiting for you. "
        "Finish payout setup and it is sent automatically.",
        url="/settings/payouts/",
    )


def payout_record_transfer(*, transfer: dict[str, Any]) -> bool:
    """A transfer exists (our call's answer, or transfer.created): mark the payout paid."""
    engagement_id = _engagement_id_of(transfer)
    if engagement_id is None:
        return False
    with transaction.atomic():
        engagement = (
            Engagement.objects.select_for_update()
            .select_related("task")
            .filter(pk=engagement_id)
            .first()
        )
        stipend = Stipend.objects.select_for_update().filter(engagement_id=engagement_id).first()
        payout = Payout.objects.select_for_update().filter(engagement_id=engagement_id).first()
        if engagement is None or stipend is None or payout is None:
            return False
        if payout.state not in (Payout.State.PENDING, Payout.State.FAILED):
            return True
        payout.state = Payout.State.PAID
        payout.transfer_id = transfer.get("id") or ""
        payout.failure_code = ""
        payout.paid_at = timezone.now()
        payout.save()
        if stipend.state == Stipend.State.FUNDED:
            stipend.state = Stipend.State.RELEASED
            stipend.released_at = payout.paid_at
            stipend.save(update_fields=["state", "released_at", "updated_at"])
        _ledger_add(
            key=f"payout:{engagement_id}",
            user=engagement.drafter,
            stipend=stipend,
            kind=LedgerEntry.Kind.PAYOUT,
            amount=payout.amount,
            description=f"Stipend for “{engagement.task.title}” "
            f"({_money(stipend.fee_amount, stipend.currency)} platform fee kept)",
            stripe_object_id=payout.transfer_id,
        )
        notification_send(
            recipient=engagement.drafter,
            kind="stipend_paid",
            title=f"You were paid {_money(payout.amount, payout.currency)}",
            body=f"Your stipend for “{engagement.task.title}” is on its way to your bank.",
            url="/ledger/",
        )
    return True


def payout_record_reversal(*, transfer: dict[str, Any]) -> bool:
    """transfer.reversed (in full): the drafter's payout was taken back."""
    with transaction.atomic():
        payout = Payout.objects.select_for_update().filter(transfer_id=transfer.get("id")).first()
        if payout is None:
            return False
        if payout.state == Payout.State.PAID and transfer.get("reversed"):
            payout.state = Payout.State.REVERSED
            payout.save(update_fields=["state", "updated_at"])
    return True


def stipend_refund_execute(*, stipend_id: int) -> Stipend:
    """Refund the mentor in full, by payment intent (after commit; idempotent)."""
    stipend = Stipend.objects.select_related("engagement").get(pk=stipend_id)
    if stipend.state != Stipend.State.FUNDED or stipend.engagement.state != (
        Engagement.State.CANCELLED
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
            return stipend
        refund = {"id": "", "amount": stipend.amount}
    stipend_record_refund(stipend_id=stipend.pk, refund_id=refund.get("id") or "")
    stipend.refresh_from_db()
    return stipend


def stipend_record_refund(*, stipend_id: int, refund_id: str = "") -> bool:
    """The mentor's money went back (our refund, or charge.refunded)."""
    with transaction.atomic():
        stipend = (
            Stipend.objects.select_for_update()
            .select_related("engagement__task", "engagement__mentor")
            .filter(pk=stipend_id)
            .first()
        )
        if stipend is None:
            return False
        if stipend.state not in (Stipend.State.FUNDED, Stipend.State.FROZEN):
            return True
        stipend.state = Stipend.State.REFUNDED
        stipend.refund_id = refund_id or stipend.refund_id
        stipend.refunded_at = timezone.now()
        stipend.save()
        engagement = stipend.engagement
        _ledger_add(
            key=f"refund:{engagement.pk}",
            user=engagement.mentor,
            stipend=stipend,
            kind=LedgerEntry.Kind.REFUND,
            amount=stipend.amount,
            description=f"Refund of the stipend for “{engagement.task.title}”",
            stripe_object_id=stipend.refund_id,
        )
        Payout.objects.filter(stipend=stipend, state=Payout.State.PENDING).update(
            state=Payout.State.FAILED, failure_code="refunded"
        )
        notification_send(
            recipient=engagement.mentor,
            kind="stipend_refunded",
            title=f"Refunded {_money(stipend.amount, stipend.currency)}",
            body=f"The stipend for “{engagement.task.title}” was refunded to your card.",
            url="/ledger/",
        )
    return True


def _stipend_for_charge(charge_id: str | None, payment_intent_id: str | None) -> Stipend | None:
    if payment_intent_id:
        stipend = Stipend.objects.filter(payment_intent_id=payment_intent_id).first()
        if stipend is not None:
            return stipend
    if charge_id:
        return Stipend.objects.filter(charge_id=charge_id).first()
    return None


def stipend_charge_refunded(*, charge: dict[str, Any]) -> bool:
    """charge.refunded: record a full refund, whoever made it (us, or staff on Stripe)."""
    stipend = _stipend_for_charge(charge.get("id"), charge.get("payment_intent"))
    if stipend is None:
        return False
    if not charge.get("refunded"):
        return True  # a partial refund: recorded by Stripe, nothing to change here
    refund_id = ""
    refunds = (charge.get("refunds") or {}).get("data") or []
    if refunds:
        refund_id = refunds[0].get("id", "")
    return stipend_record_refund(stipend_id=stipend.pk, refund_id=refund_id)


# --- Disputes ----------------------------------------------------------------------------------


def stipend_dispute_opened(*, dispute: dict[str, Any]) -> bool:
    """charge.dispute.created: freeze an unpaid stipend and tell site staff."""
    with transaction.atomic():
        found = _stipend_for_charge(dispute.get("charge"), dispute.get("payment_intent"))
        if found is None:
            return False
        stipend = Stipend.objects.select_for_update().get(pk=found.pk)
        if stipend.dispute_id == dispute.get("id"):
            return True
        stipend.dispute_id = dispute.get("id") or ""
        if not stipend.charge_id:
            stipend.charge_id = dispute.get("charge") or ""
        if stipend.state == Stipend.State.FUNDED:
            stipend.state = Stipend.State.FROZEN
            stipend.frozen_at = timezone.now()
        stipend.save()
        amount = _money(int(dispute.get("amount") or stipend.amount), stipend.currency)
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
        found = _stipend_for_charge(dispute.get("charge"), dispute.get("payment_intent"))
        if found is None:
            return False
        engagement = Engagement.objects.select_for_update().get(pk=found.engagement_id)
        stipend = Stipend.objects.select_for_update().get(pk=found.pk)
        if stipend.state != Stipend.State.FROZEN:
            return True
        if dispute.get("status") == "won":
            stipend.state = Stipend.State.FUNDED
            stipend.save(update_fields=["state", "updated_at"])
            payout = Payout.objects.filter(stipend=stipend, state=Payout.State.PENDING).first()
            if payout is not None:
                _schedule_payout(payout.pk)
            elif engagement.state == Engagement.State.CANCELLED:
                transaction.on_commit(lambda: tasks.stipend_refund.enqueue(stipend_id=stipend.pk))
            return True
        if dispute.get("status") == "lost":
            stipend.state = Stipend.State.REFUNDED
            stipend.refunded_at = timezone.now()
            stipend.save(update_fields=["state", "refunded_at", "updated_at"])
            _ledger_add(
                key=f"dispute:{engagement.pk}",
                user=engagement.mentor,
                stipend=stipend,
                kind=LedgerEntry.Kind.DISPUTE_LOST,
                amount=stipend.amount,
                description="Stipend returned to your card by your bank (dispute)",
                stripe_object_id=dispute.get("id") or "",
            )
            Payout.objects.filter(stipend=stipend, state=Payout.State.PENDING).update(
                state=Payout.State.FAILED, failure_code="dispute_lost"
            )
    return True


# --- Scheduled work (stipends_due command / task) ----------------------------------------------


def stipend_lapse_unfunded(*, now: Any = None) -> int:
    """Acceptances not funded within 7 days lapse; the drafter (and the mentor) are told."""
    cutoff = (now or timezone.now()) - FUNDING_WINDOW
    due = Stipend.objects.filter(
        state=Stipend.State.UNFUNDED,
        created_at__lte=cutoff,
        engagement__state=Engagement.State.AWAITING_FUNDING,
    ).values_list("engagement_id", flat=True)
    lapsed = 0
    for engagement_id in list(due):
        with transaction.atomic():
            moved = lifecycle_bridge.engagement_lapse_unfunded(
                engagement_id=engagement_id, reason="The stipend was not funded within 7 days."
            )
            if not moved:
                continue
            stipend = (
                Stipend.objects.select_for_update()
                .select_related("engagement__task", "engagement__drafter", "engagement__mentor")
                .get(engagement_id=engagement_id)
            )
            if stipend.state != Stipend.State.UNFUNDED:
                continue
            _stipend_void(stipend)
            engagement = stipend.engagement
            notification_send(
                recipient=engagement.drafter,
                kind="funding_lapsed",
                title=f"“{engagement.task.title}” did not go ahead",
                body="The mentor did not fund the stipend within 7 days, so the acceptance "
                "lapsed. Your application counts as experience; keep applying.",
                url="/tasks/",
            )
            notification_send(
                recipient=engagement.mentor,
                kind="funding_lapsed",
                title=f"Your acceptance for “{engagement.task.title}” lapsed",
                body="The stipend was not funded within 7 days.",
                url=f"/tasks/{engagement.task_id}/",
            )
            lapsed += 1
    return lapsed


def stipend_auto_release_due(*, now: Any = None) -> int:
    """Delivered work with no mentor response for 14 days is approved and paid, unless frozen."""
    cutoff = (now or timezone.now()) - AUTO_RELEASE_AFTER
    due = Stipend.objects.filter(
        state=Stipend.State.FUNDED,
        engagement__state=Engagement.State.DELIVERED,
        engagement__delivered_at__lte=cutoff,
    ).values_list("engagement_id", flat=True)
    released = 0
    for engagement_id in list(due):
        with transaction.atomic():
            if not lifecycle_bridge.engagement_auto_approve(engagement_id=engagement_id):
                continue
            engagement = Engagement.objects.select_related("task").get(pk=engagement_id)
            if stipend_on_engagement_approved(engagement=engagement) is not None:
                released += 1
            notification_send(
                recipient=engagement.mentor,
                kind="stipend_auto_released",
                title=f"“{engagement.task.title}” was approved automatically",
                body="The work was delivered 14 days ago with no response, so the stipend "
                "was released to the drafter.",
                url=f"/engagements/{engagement_id}/",
            )
    return released


def payouts_retry_pending() -> int:
    """Payouts that could not be made (provider down) are tried again."""
    ready = Payout.objects.filter(
        state=Payout.State.PENDING,
        stipend__state=Stipend.State.FUNDED,
        drafter__connected_account__payouts_enabled=True,
    ).values_list("pk", flat=True)
    count = 0
    for payout_id in list(ready):
        payout_execute(payout_id=payout_id)
        count += 1
    return count
