"""Money arithmetic and the ledger: one row per money movement, written once (a unique key)."""

import logging
import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from projects.stipends.models import LedgerEntry, Stipend

logger = logging.getLogger(__name__)


def money_format(amount: int, currency: str) -> str:
    return f"{Decimal(amount) / 100:.2f} {currency.upper()}"


def platform_fee_for(amount: int) -> int:
    fee = Decimal(amount) * Decimal(str(settings.PLATFORM_FEE_PERCENT)) / 100
    return int(fee.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def stipend_after_fee(amount: int | None) -> int | None:
    """What the drafter receives of a stipend: the payout's own arithmetic (a stipend's
    `fee_amount` is platform_fee_for(amount)), so pages quote exactly what will be paid."""
    if not amount:
        return None
    return amount - platform_fee_for(amount)


# Crockford's base32: no I, L, O or U, so a number read aloud or copied by hand stays right.
_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def receipt_reference_new() -> str:
    """A receipt number like SLP-2026-7K3QX9MD: the year, then 40 random bits (no count)."""
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"SLP-{timezone.localdate().year}-{code}"


def ledger_add(
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
        reference=receipt_reference_new(),
    )
