from django.contrib import admin

from projects.credentials.models import IssuedCredential


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(admin.ModelAdmin):
    """Read-only: a credential is revoked through the API (drafter or site staff), so the
    change goes through the transition table and the status list."""

    list_display = ("public_id", "engagement", "state", "created_at", "revoked_at")
    list_filter = ("state",)
    search_fields = ("public_id", "engagement__drafter__email")
    readonly_fields = [field.name for field in IssuedCredential._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
