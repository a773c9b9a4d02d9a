"""Site staff see every money row, read-only: money changes only through Stripe and services.

Two actions unstick money the hourly job could not move: retry an owed refund, retry a pending
payout. Both call the same idempotent outbound functions the tasks run.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from projects.stipends import stripe_client
from projects.stipends.models import ConnectedAccount, LedgerEntry, Payout, Stipend, StripeEvent
from projects.stipends.services.outbound import payout_execute, refunds_owed, stipend_refund_execute


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ConnectedAccount)
class ConnectedAccountAdmin(ReadOnlyAdmin):
    list_display = ["stripe_account_id", "user", "payouts_enabled", "charges_enabled", "updated_at"]
    list_filter = ["payouts_enabled", "charges_enabled"]
    search_fields = ["stripe_account_id", "user__email"]
    list_select_related = ["user"]


def _report(
    admin_view: admin.ModelAdmin[Any], request: HttpRequest, done: int, failed: int
) -> None:
    admin_view.message_user(request, f"{done} done.", messages.SUCCESS)
    if failed:
        admin_view.message_user(
            request,
            f"{failed} failed again (Stripe refused or is down); see the logs.",
            messages.ERROR,
        )


@admin.register(Stipend)
class StipendAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "amount", "fee_amount", "currency", "state", "funded_at"]
    list_filter = ["state", "currency"]
    search_fields = ["payment_intent_id", "charge_id", "checkout_session_id", "dispute_id"]
    actions = ["retry_refund"]

    @admin.action(description="Retry the refund owed (cancelled, still funded)")
    def retry_refund(self, request: HttpRequest, queryset: QuerySet[Stipend]) -> None:
        owed = set(refunds_owed())
        done = failed = 0
        for stipend in queryset.filter(pk__in=owed):
            try:
                done += stipend_refund_execute(stipend_id=stipend.pk).state == "refunded"
            except stripe_client.PaymentProviderError:
                failed += 1
        _report(self, request, done, failed)


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = [
        "idempotency_key",
        "drafter",
        "amount",
        "currency",
        "state",
        "failure_code",
        "paid_at",
    ]
    list_filter = ["state"]
    search_fields = ["transfer_id", "idempotency_key", "drafter__email"]
    list_select_related = ["drafter"]
    actions = ["retry_transfer"]

    @admin.action(description="Retry the transfer of pending payouts")
    def retry_transfer(self, request: HttpRequest, queryset: QuerySet[Payout]) -> None:
        done = failed = 0
        for payout in queryset.filter(state=Payout.State.PENDING):
            try:
                done += payout_execute(payout_id=payout.pk).state == Payout.State.PAID
            except stripe_client.PaymentProviderError:
                failed += 1
        _report(self, request, done, failed)


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "type", "status", "source", "received_at", "processed_at"]
    list_filter = ["status", "type", "source"]
    search_fields = ["event_id"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["key", "user", "kind", "amount", "currency", "created_at"]
    list_filter = ["kind", "currency"]
    search_fields = ["key", "user__email", "stripe_object_id"]
    list_select_related = ["user"]
