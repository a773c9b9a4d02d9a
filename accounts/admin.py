from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import (
    Consent,
    Institution,
    InstitutionApiKey,
    InstitutionMembership,
    PortfolioItem,
    Profile,
    Skill,
    User,
    UserSkill,
)
from accounts.services.institution_onboarding import institution_review


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "profile__handle", "profile__display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["handle", "display_name", "wants_to_mentor", "wants_to_draft", "deleted_at"]
    search_fields = ["handle", "display_name", "user__email"]
    list_filter = ["wants_to_mentor", "wants_to_draft"]
    raw_id_fields = ["user"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category", "proposed_by"]
    search_fields = ["name", "slug", "search_key"]
    list_filter = ["category"]
    readonly_fields = ["search_key"]
    raw_id_fields = ["proposed_by"]


@admin.register(UserSkill)
class UserSkillAdmin(admin.ModelAdmin):
    list_display = ["user", "skill", "level"]
    raw_id_fields = ["user", "skill"]


@admin.register(PortfolioItem)
class PortfolioItemAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "visibility", "file_kind", "file_size", "created_at"]
    raw_id_fields = ["owner"]
    list_filter = ["visibility", "file_kind"]


class InstitutionForm(forms.ModelForm):
    """E-mail domains as one per line rather than raw JSON."""

    domains = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, e.g. uni.edu. Verified addresses on these domains (and their "
        "subdomains) make their owners student members.",
    )

    class Meta:
        model = Institution
        fields = ["name", "slug", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].initial = "\n".join(self.instance.email_domains or [])

    def clean_domains(self) -> list[str]:
        domains = [
            line.strip().lower().lstrip("@") for line in self.cleaned_data["domains"].splitlines()
        ]
        domains = [d for d in domains if d]
        for domain in domains:
            if "." not in domain or " " in domain:
                raise forms.ValidationError(f"{domain!r} is not a domain like uni.edu.")
        return domains

    def save(self, commit: bool = True):
        self.instance.email_domains = self.cleaned_data["domains"]
        return super().save(commit=commit)


class MembershipInline(admin.TabularInline):
    model = InstitutionMembership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "staff_role", "email", "programme", "class_year", "ended_at"]
    readonly_fields = ["created_at"]


def _review(modeladmin, request, queryset, *, approve: bool) -> None:
    done = 0
    for institution in queryset.filter(status=Institution.Status.PENDING):
        institution_review(actor=request.user, institution_id=institution.pk, approve=approve)
        done += 1
    verb = "approved" if approve else "rejected"
    modeladmin.message_user(request, f"{done} institution(s) {verb}; their staff were notified.")


@admin.action(description="Approve selected institutions (they go live; staff are notified)")
def approve_institutions(modeladmin, request, queryset) -> None:
    _review(modeladmin, request, queryset, approve=True)


@admin.action(description="Reject selected institutions (staff are notified)")
def reject_institutions(modeladmin, request, queryset) -> None:
    _review(modeladmin, request, queryset, approve=False)


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    form = InstitutionForm
    list_display = ["name", "slug", "status", "country", "email_domains", "created_by"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "created_by", "approved_at", "approved_by"]
    actions = [approve_institutions, reject_institutions]
    inlines = [MembershipInline]


@admin.register(InstitutionApiKey)
class InstitutionApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "prefix", "created_at", "expires_at", "revoked_at"]
    list_filter = ["institution"]
    readonly_fields = ["prefix", "hashed_key", "last_used_at", "created_by", "revoked_by"]

    def has_add_permission(self, request) -> bool:
        # Keys are made on the dashboard, where the secret is shown once.
        return False


@admin.register(InstitutionMembership)
class InstitutionMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "institution", "role", "email", "ended_at"]
    list_filter = ["role", "institution"]
    raw_id_fields = ["user", "institution"]
    search_fields = ["user__email", "email", "institution__name"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Read-only: consent is the student's to give and revoke, not the site's to edit."""

    list_display = ["student", "institution", "scopes", "version", "granted_at", "revoked_at"]
    list_filter = ["institution", "version"]
    raw_id_fields = ["student", "institution"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
