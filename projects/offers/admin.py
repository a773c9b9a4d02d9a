"""Site staff read offers and offer settings; every change goes through the services."""

from django.contrib import admin

from projects.offers.models import Offer, OfferSettings


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Offer)
class OfferAdmin(_ReadOnlyAdmin):
    list_display = ["title", "drafter", "mentor", "state", "estimated_hours", "created_at"]
    list_filter = ["state", "decline_reason"]
    search_fields = ["title", "mentor__email", "drafter__email"]
    raw_id_fields = ["mentor", "drafter", "task", "engagement"]


@admin.register(OfferSettings)
class OfferSettingsAdmin(_ReadOnlyAdmin):
    list_display = ["mentor", "is_open", "monthly_cap", "updated_at"]
    list_filter = ["is_open"]
    raw_id_fields = ["mentor"]
