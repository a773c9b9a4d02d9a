"""Reads for stipends, scoped to the viewer."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from accounts.models import User
from marketplace.errors import NotFound
from projects.stipends.models import ConnectedAccount, LedgerEntry, Payout, Stipend


def connected_account_for_user(*, user: User) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(user=user).first()


def ledger_entries_for_user(*, user: User) -> QuerySet[LedgerEntry]:
    """The viewer's own money movements only; newest first (the paginator orders by -id)."""
    return LedgerEntry.objects.filter(user=user).select_related("stipend__engagement__task")


def ledger_totals_for_user(*, user: User) -> list[dict[str, Any]]:
    """The viewer's own ledger summed per currency (one query): money in, money out (a negative
    number) and the net, in minor units, with the number of entries; currencies alphabetical."""
    rows = (
        LedgerEntry.objects.filter(user=user)
        .values("currency")
        .annotate(
            entries=Count("id"),
            money_in=Sum("amount", filter=Q(amount__gt=0), default=0),
            money_out=Sum("amount", filter=Q(amount__lt=0), default=0),
        )
        .order_by("currency")
    )
    return [{**row, "net": row["money_in"] + row["money_out"]} for row in rows]


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP):
# a task title like "=HYPERLINK(...)" must reach it as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LEDGER_CSV_COLUMNS = (
    "date", "receipt", "kind", "task", "description", "amount", "currency", "stripe_reference",
)  # fmt: skip


def _csv_text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _csv_amount(minor: int) -> str:
    return f"{'-' if minor < 0 else ''}{abs(minor) // 100}.{abs(minor) % 100:02d}"


def ledger_csv_rows_for_user(*, user: User) -> Iterator[list[str]]:
    """The viewer's own ledger as CSV rows, oldest first, then one total row per currency.
    Amounts are plain numbers (negative: money out); our words and what people typed (task
    titles) are neutralised so no cell runs as a formula."""
    yield list(LEDGER_CSV_COLUMNS)
    entries = ledger_entries_for_user(user=user).order_by("id")
    for entry in entries.iterator(chunk_size=500):
        yield [
            entry.created_at.date().isoformat(),
            entry.reference or str(entry.pk),
            _csv_text(entry.get_kind_display()),
            _csv_text(entry.stipend.engagement.task.title),
            _csv_text(entry.description),
            _csv_amount(entry.amount),
            entry.currency.upper(),
            _csv_text(entry.stripe_object_id),
        ]
    for total in ledger_totals_for_user(user=user):
        yield ["", "", "Total", "", f"{total['entries']} entries", _csv_amount(total["net"]),
               total["currency"].upper(), ""]  # fmt: skip


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


def _money(minor: int, currency: str) -> str:
    return f"{_csv_amount(minor)} {currency.upper()}"


def _name(user: User) -> str:
    return user.profile.display_name or f"@{user.profile.handle}"


def ledger_receipt_for_user(*, user: User, entry_id: int) -> dict[str, Any]:
    """One of the viewer's own ledger entries as a receipt: who paid whom, the stipend, the fee,
    what moved in this entry, the date and Stripe's reference. Anyone else's entry, or none:
    NotFound (one query)."""
    entry = (
        LedgerEntry.objects.select_related(
            "stipend__engagement__task",
            "stipend__engagement__mentor__profile",
            "stipend__engagement__drafter__profile",
        )
        .filter(user=user, pk=entry_id)
        .first()
    )
    if entry is None:
        raise NotFound("No such receipt.")
    stipend = entry.stipend
    mentor = _name(stipend.engagement.mentor)
    drafter = _name(stipend.engagement.drafter)
    mine = _name(user)
    parties: dict[str, tuple[str, str]] = {
        LedgerEntry.Kind.STIPEND_PAID: (mentor, f"Slipstream, held for {drafter} until approval"),
        LedgerEntry.Kind.REFUND: ("Slipstream", mentor),
        LedgerEntry.Kind.PAYOUT: (f"Slipstream, paying out {mentor}\u2019s stipend", drafter),
    }
    by_sign = (mine, "Slipstream") if entry.amount < 0 else ("Slipstream", mine)
    payer, payee = parties.get(entry.kind, by_sign)
    return {
        "entry": entry,
        "reference": entry.reference or f"#{entry.pk}",
        "kind": entry.get_kind_display(),
        "task_title": stipend.engagement.task.title,
        "engagement_id": stipend.engagement_id,
        "mentor": mentor,
        "drafter": drafter,
        "payer": payer,
        "payee": payee,
        "amount": _money(abs(entry.amount), entry.currency),
        "direction": "Received" if entry.amount > 0 else "Paid",
        "stipend_amount": _money(stipend.amount, entry.currency),
        "fee_amount": _money(stipend.fee_amount, entry.currency),
        "payout_amount": _money(stipend.amount - stipend.fee_amount, entry.currency),
        "stripe_reference": entry.stripe_object_id,
    }
