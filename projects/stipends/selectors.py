"""Reads for stipends, scoped to the viewer."""

from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import User
from marketplace.errors import NotFound
from projects.stipends.models import ConnectedAccount, LedgerEntry, Payout, Stipend


def connected_account_for_user(*, user: User) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(user=user).first()


def ledger_entries_for_user(*, user: User) -> QuerySet[LedgerEntry]:
    """The viewer's own money movements only; newest first (the paginator orders by -id)."""
    return LedgerEntry.objects.filter(user=user).select_related("stipend__engagement__task")


def stipend_get_for_participant(*, engagement_id: int, user: User) -> Stipend:
    """The stipend of an engagement, for its mentor or drafter only (anyone else: NotFound).

    One query: the payout and the drafter's payout setup come joined, because the engagement
    page shows both ("paid out", "waiting for payout setup").
    """
    stipend = (
        Stipend.objects.select_related("payout", "engagement__drafter__connected_account")
        .filter(
            Q(engagement__mentor=user) | Q(engagement__drafter=user), engagement_id=engagement_id
        )
        .first()
    )
    if stipend is None:
        raise NotFound("This engagement has no stipend.")
    return stipend


def payouts_waiting_for_setup_query(*, user: User) -> QuerySet[Payout]:
    """payouts_waiting_for_setup as a queryset (the dashboard counts them in a statement of
    its own)."""
    return Payout.objects.filter(
        Q(drafter__connected_account__isnull=True)
        | Q(drafter__connected_account__payouts_enabled=False),
        drafter=user,
        state=Payout.State.PENDING,
    )


def payouts_waiting_for_setup(*, user: User) -> list[Payout]:
    """The drafter's approved stipends that wait for payout setup (no transfer possible yet).

    Empty once payouts are enabled: pending payouts are then being sent, not waiting.
    """
    return list(
        payouts_waiting_for_setup_query(user=user).select_related("engagement__task").order_by("id")
    )


def engagement_id_of(obj: dict[str, Any]) -> int | None:
    raw: Any = (obj.get("metadata") or {}).get("engagement")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def stipend_for_charge(charge_id: str | None, payment_intent_id: str | None) -> Stipend | None:
    if payment_intent_id:
        stipend = Stipend.objects.filter(payment_intent_id=payment_intent_id).first()
        if stipend is not None:
            return stipend
    if charge_id:
        return Stipend.objects.filter(charge_id=charge_id).first()
    return None
