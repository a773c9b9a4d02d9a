"""Money in: a stipend is funded by a paid Checkout Session, or voided if never paid."""

import enum
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.notifications import notification_send
from projects import locks
from projects.models import Engagement
from projects.stipends.models import LedgerEntry, Stipend
from projects.stipends.selectors import engagement_id_of
from projects.stipends.services import schedule
from projects.stipends.services.ledger import ledger_add
from projects.transitions import SYSTEM, transition_allows, transition_target

logger = logging.getLogger(__name__)


def stipend_void(stipend: Stipend) -> None:
    """unfunded -> cancelled: no money moved; its open Checkout page is closed after commit."""
    session_id = stipend.checkout_session_id
    stipend.state = transition_target(stipend, "void", role=SYSTEM)
    stipend.checkout_url = ""
    stipend.save(update_fields=["state", "checkout_url", "updated_at"])
    if session_id:
        schedule.checkout_expire_after_commit(session_id)


class Funding(enum.Enum):
    """What a paid Checkout Session did to its stipend."""

    IGNORED = "ignored"  # unpaid, or not one of ours
    ALREADY = "already"  # a replay, or events out of order: nothing changed
    FUNDED = "funded"  # funded now: the engagement may start
    REFUNDING = "refunding"  # paid after the engagement ended: the money goes straight back
    MISMATCH = "mismatch"  # names our stipend, but not the session, amount or currency we asked


def _funding_mismatch(stipend: Stipend, session: dict[str, Any]) -> str:
    """Why a paid session cannot fund this stipend ("" when it can)."""
    problems = []
    if not stipend.checkout_session_id or session.get("id") != stipend.checkout_session_id:
        problems.append("session")
    if session.get("amount_total") != stipend.amount:
        problems.append("amount")
    if str(session.get("currency") or "").lower() != stipend.currency.lower():
        problems.append("currency")
    return ", ".join(problems)


def _staff_alert(*, title: str, body: str) -> None:
    logger.error("%s: %s", title, body)
    for staff in User.objects.filter(is_staff=True, is_active=True):
        notification_send(recipient=staff, kind="staff_alert", title=title, body=body)


def stipend_fund_from_checkout(*, session: dict[str, Any]) -> Funding:
    """checkout.session.completed (paid) or async_payment_succeeded: fund the stipend.

    Starting the engagement is the lifecycle's step; the webhook dispatcher, above both,
    takes it when this says FUNDED.
    """
    if session.get("payment_status") != "paid":
        return Funding.IGNORED
    engagement_id = engagement_id_of(session)
    if engagement_id is None:
        return Funding.IGNORED
    with transaction.atomic():
        engagement = locks.engagement_lock(engagement_id=engagement_id)
        stipend = locks.stipend_lock(engagement_id=engagement_id)
        if engagement is None or stipend is None:
            return Funding.IGNORED
        if not transition_allows(stipend, "fund", role=SYSTEM):
            return Funding.ALREADY
        if mismatch := _funding_mismatch(stipend, session):
            _staff_alert(
                title="A paid checkout did not match its stipend",
                body=(
                    f"Engagement {engagement_id}: the {mismatch} of the paid Checkout Session "
                    "differ from the stipend's, so it was not funded. Check it on Stripe and "
                    "refund it there if it is not ours."
                ),
            )
            return Funding.MISMATCH
        was_cancelled = stipend.state == Stipend.State.CANCELLED
        stipend.state = transition_target(stipend, "fund", role=SYSTEM)
        stipend.payment_intent_id = session.get("payment_intent") or ""
        stipend.checkout_session_id = session.get("id") or stipend.checkout_session_id
        stipend.checkout_url = ""
        stipend.funded_at = timezone.now()
        stipend.save()
        ledger_add(
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
            schedule.stipend_refund_after_commit(stipend.pk)
            return Funding.REFUNDING
    return Funding.FUNDED


def stipend_checkout_expired(*, session: dict[str, Any]) -> bool:
    """checkout.session.expired: forget the session so the mentor can start a new one."""
    engagement_id = engagement_id_of(session)
    with transaction.atomic():
        stipend = locks.stipend_lock(engagement_id=engagement_id or 0)
        if stipend is None:
            return False
        if transition_allows(
            stipend, "set_checkout_page", role=SYSTEM
        ) and stipend.checkout_session_id == session.get("id"):
            stipend.checkout_session_id = ""
            stipend.checkout_url = ""
            stipend.save(update_fields=["checkout_session_id", "checkout_url", "updated_at"])
    return True
