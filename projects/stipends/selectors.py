"""Reads for stipends, scoped to the viewer."""

from django.db.models import QuerySet

from accounts.models import User
from projects.stipends.models import ConnectedAccount, LedgerEntry


def connected_account_for_user(*, user: User) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(user=user).first()


def ledger_entries_for_user(*, user: User) -> QuerySet[LedgerEntry]:
    """The viewer's own money movements only; newest first (the paginator orders by -id)."""
    return LedgerEntry.objects.filter(user=user).select_related("stipend__engagement__task")
