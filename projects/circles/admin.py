"""Site staff read circles and act on reported critiques (marking a report resolved); every
other change goes through the services."""

from django.contrib import admin

from projects.circles.models import Circle, CircleMembership, Critique, CritiqueReport


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Circle)
class CircleAdmin(_ReadOnlyAdmin):
    list_display = ["name", "skill_family", "host", "institution", "state", "member_count"]
    list_filter = ["state", "skill_family"]
    search_fields = ["name", "host__email"]
    raw_id_fields = ["host", "institution"]


@admin.register(CircleMembership)
class CircleMembershipAdmin(_ReadOnlyAdmin):
    list_display = ["circle", "user", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["circle", "user"]


@admin.register(Critique)
class CritiqueAdmin(_ReadOnlyAdmin):
    list_display = ["id", "author", "request", "helpful_at", "created_at"]
    raw_id_fields = ["author", "request"]


@admin.register(CritiqueReport)
class CritiqueReportAdmin(admin.ModelAdmin):
    """The list of reported critiques: staff read the critique and mark the report resolved."""

    list_display = ["id", "critique", "reporter", "reason", "resolved", "created_at"]
    list_filter = ["resolved"]
    readonly_fields = ["critique", "reporter", "reason", "critique_text", "created_at"]
    fields = ["critique", "critique_text", "reporter", "reason", "resolved", "created_at"]

    @admin.display(description="Critique")
    def critique_text(self, report: CritiqueReport) -> str:
        c = report.critique
        return f"What works: {c.what_works}\nOne change: {c.one_change}\nResource: {c.resource}"

    def has_add_permission(self, request, obj=None) -> bool:
        return False
