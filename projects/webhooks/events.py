"""Applying Stripe events: one small handler per type, looked up in a dict.

This is an entry point above both the lifecycle and the money: a handler records what Stripe
says through projects.stipends and, where the money lets work start, takes the lifecycle's step
("funded, so the engagement becomes active") in the same transaction.

The event id is stored in the same transaction as the state change its handler makes: a repeat
is a no-op, and a failing handler rolls both back (and answers 500) so Stripe's retry works.
Handlers return False when the event is about an object we do not know; that is recorded as
"ignored" and acknowledged, as are types we do not handle.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from projects import locks
from projects.services.engagements import engagement_activate_after_funding
from projects.stipends.models import StripeEvent
from projects.stipends.selectors import engagement_id_of
from projects.stipends.services import connected_accounts, disputes, funding, payouts, refunds

logger = logging.getLogger(__name__)

# A handler gets the event's object and the whole event. It returns True (applied), False (not
# about anything of ours: ignored), or a reason to refuse it (recorded on the event as ignored).
Handler = Callable[[dict[str, Any], dict[str, Any]], bool | str]


def _checkout_completed(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    outcome = funding.stipend_fund_from_checkout(session=obj)
    if outcome is funding.Funding.FUNDED:
        engagement_id = engagement_id_of(obj)
        assert engagement_id is not None  # a session without one is never FUNDED
        engagement_activate_after_funding(engagement_id=engagement_id)
    if outcome is funding.Funding.MISMATCH:
        return "mismatch: the session, amount or currency is not the stipend's"
    return outcome is not funding.Funding.IGNORED


def _checkout_expired(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    return funding.stipend_checkout_expired(session=obj)


def _charge_refunded(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    return refunds.stipend_charge_refunded(charge=obj)


def _dispute_created(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    return disputes.stipend_dispute_opened(dispute=obj)


def _dispute_closed(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    return disputes.stipend_dispute_closed(dispute=obj)


def _transfer_created(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    return payouts.payout_record_transfer(transfer=obj)


def _transfer_reversed(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    return payouts.payout_record_reversal(transfer=obj)


def _account_updated(obj: dict[str, Any], event: dict[str, Any]) -> bool | str:
    return connected_accounts.connected_account_sync(
        account=obj, event_created=_created_at(event), event_id=str(event.get("id") or "")
    )


def _created_at(event: dict[str, Any]) -> dt.datetime | None:
    created = event.get("created")
    if isinstance(created, int) and not isinstance(created, bool):
        return dt.datetime.fromtimestamp(created, tz=dt.UTC)
    return None


# Events about the platform's own objects (payments, refunds, disputes, transfers).
PLATFORM_HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _checkout_completed,
    "checkout.session.expired": _checkout_expired,
    "charge.refunded": _charge_refunded,
    "charge.dispute.created": _dispute_created,
    "charge.dispute.closed": _dispute_closed,
    "transfer.created": _transfer_created,
    "transfer.reversed": _transfer_reversed,
}
# Events about connected accounts (the Connect endpoint).
CONNECT_HANDLERS: dict[str, Handler] = {
    "account.updated": _account_updated,
}


def stripe_event_process(
    *, event: dict[str, Any], handlers: dict[str, Handler], source: str = "webhook"
) -> str:
    """Apply one verified event once. Returns processed, ignored or duplicate."""
    event_id = str(event["id"])
    event_type = str(event.get("type", ""))
    stripe_created = _created_at(event)
    try:
        with transaction.atomic():
            record, is_new = locks.stripe_event_lock(
                event_id=event_id,
                defaults={
                    "type": event_type[:100],
                    "account": str(event.get("account") or "")[:64],
                    "source": source,
                    "status": StripeEvent.Status.PROCESSED,
                    "stripe_created": stripe_created,
                },
            )
            if not is_new and record.status != StripeEvent.Status.FAILED:
                return "duplicate"
            handler = handlers.get(event_type)
            obj = (event.get("data") or {}).get("object") or {}
            applied = handler(obj, event) if handler is not None else False
            refused = applied if isinstance(applied, str) else ""
            record.status = (
                StripeEvent.Status.PROCESSED
                if applied and not refused
                else StripeEvent.Status.IGNORED
            )
            record.error = refused
            record.processed_at = timezone.now()
            record.save()
            return record.status
    except Exception as exc:
        logger.exception("stripe event %s (%s) failed", event_id, event_type)
        # Recorded outside the rolled-back transaction; a retry finds "failed" and runs again.
        StripeEvent.objects.update_or_create(
            event_id=event_id,
            defaults={
                "type": event_type[:100],
                "account": str(event.get("account") or "")[:64],
                "source": source,
                "status": StripeEvent.Status.FAILED,
                "error": repr(exc)[:2000],
                "stripe_created": stripe_created,
            },
        )
        raise
