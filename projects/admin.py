"""Site staff moderate the marketplace here. State changes still belong to the services; the
admin is for looking, correcting text and hiding abuse."""

from django import forms
from django.contrib import admin

from marketplace.errors import DomainError
from projects.models import (
    Application,
    AuditEntry,
    Deliverable,
    Engagement,
    Feedback,
    Introduction,
    Message,
    Task,
    ThankYouNote,
)
from projects.services.tasks import task_rules_check


class TaskAdminForm(forms.ModelForm):
    """Staff correct a task's words; every save still obeys the rules the services enforce."""

    class Meta:
        model = Task
        fields = ["title", "description", "what_you_gain", "location", "is_remote", "deadline"]

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data  # what ModelForm.clean returns
        candidate = self.instance
        for name, value in cleaned.items():
            setattr(candidate, name, value)
        try:
            task_rules_check(candidate)
        except DomainError as error:
            raise forms.ValidationError(error.fields or error.message) from error
        return cleaned


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    """Skills, money, places and state change only through the mentor's own use cases (they keep
    the search text, the stipend and the slot count consistent), so they are read-only here."""

    form = TaskAdminForm
    list_display = ["title", "mentor", "state", "slots", "filled_slots", "stipend_amount"]
    list_filter = ["state", "visibility", "is_remote"]
    search_fields = ["title", "mentor__email"]
    readonly_fields = [
        "mentor",
        "state",
        "slots",
        "filled_slots",
        "stipend_amount",
        "stipend_currency",
        "estimated_hours",
        "visibility",
        "questions",
        "skill_names",
        "published_at",
    ]

    @admin.display(description="Skills")
    def skill_names(self, task: Task) -> str:
        return task.skills_text


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["id", "task", "drafter", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["task__title", "drafter__email"]
    raw_id_fields = ["task", "drafter"]
    readonly_fields = ["state"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["id", "task", "mentor", "drafter", "state", "completed_at"]
    list_filter = ["state"]
    raw_id_fields = ["application", "task", "mentor", "drafter", "cancelled_by"]
    readonly_fields = ["state", "started_at", "delivered_at", "completed_at", "cancelled_at"]


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ["id", "engagement", "created_at", "revision_requested_at"]
    raw_id_fields = ["engagement", "submitted_by"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "sender", "recipient", "created_at"]
    raw_id_fields = ["application", "engagement", "sender", "recipient"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["id", "engagement", "author", "rating"]
    raw_id_fields = ["engagement", "author", "subject"]


@admin.register(ThankYouNote)
class ThankYouNoteAdmin(admin.ModelAdmin):
    list_display = ["id", "sender", "receiver", "shown_on_profile"]
    raw_id_fields = ["engagement", "sender", "receiver"]


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ["id", "task", "drafter", "introducer", "state"]
    list_filter = ["state"]
    raw_id_fields = ["task", "drafter", "introducer"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Every transition and money movement, read-only: who, when, from -> to."""

    list_display = [
        "created_at",
        "subject_type",
        "subject_id",
        "from_state",
        "to_state",
        "amount",
        "currency",
        "actor",
        "via",
    ]
    list_filter = ["subject_type", "via", "to_state"]
    search_fields = ["=subject_id", "actor__email"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
