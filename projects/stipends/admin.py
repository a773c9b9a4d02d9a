"""Site staff see every money row, read-only: money changes only through Stripe and services."""

from django.contrib import admin

from projects.stipends.models import ConnectedAccount, LedgerEntry, Payout, Stipend, StripeEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConnectedAccount)
class ConnectedAccountAdmin(ReadOnlyAdmin):
    list_display = ["stripe_account_id", "user", "payouts_enabled", "charges_enabled", "updated_at"]
    list_filter = ["payouts_enabled", "charges_enabled"]
    search_fields = ["stripe_account_id", "user__email"]
    list_select_related = ["user"]


@admin.register(Stipend)
class StipendAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "amount", "fee_amount", "currency", "state", "funded_at"]
    list_filter = ["state", "currency"]
    search_fields = ["payment_intent_id", "charge_id", "checkout_session_id", "dispute_id"]


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ["idempotency_key", "drafter", "amount", "currency", "state", "paid_at"]
    list_filter = ["state"]
    search_fields = ["transfer_id", "idempotency_key", "drafter__email"]
    list_select_related = ["drafter"]


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
