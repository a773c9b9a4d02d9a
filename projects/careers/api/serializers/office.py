"""The office itself: featured tasks, API keys, colleagues and invitations, the institution."""

from rest_framework import serializers

from accounts.models import InstitutionMembership
from marketplace.api.fields import EmailAddressField
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form
from projects.careers.api.serializers.documented import documented as _f
from projects.careers.api.serializers.students import TaskRefSerializer


class FeaturedTaskSerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The feature's id.", 3)
    task = TaskRefSerializer(help_text="The featured task.")
    note = _f(
        serializers.CharField(allow_blank=True),
        "Why the office recommends it.",
        "Great first draft",
    )
    featured_by = _f(
        serializers.CharField(allow_null=True), "Staff member who featured it.", "Ana Ruiz"
    )
    active = _f(
        serializers.BooleanField(), "False once unfeatured (seen through updated_since).", True
    )
    created_at = _f(serializers.DateTimeField(), "When it was featured.", "2026-02-01T10:00:00Z")
    updated_at = _f(serializers.DateTimeField(), "Last change.", "2026-02-01T10:00:00Z")


@page_form("featured_task")
class FeaturedTaskInputSerializer(InputSerializer):
    task_id = _f(serializers.IntegerField(), "An open task to recommend to your students.", 42)
    note = _f(
        serializers.CharField(required=False, allow_blank=True, max_length=300, default=""),
        "Why your office recommends it (shown to staff).",
        "Great first draft for economics students",
    )


class ApiKeySerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The key's id.", 1)
    name = _f(serializers.CharField(), "What the key is for.", "Handshake sync")
    prefix = _f(serializers.CharField(), "The key's public prefix.", "a1b2c3d4")
    created_at = _f(serializers.DateTimeField(), "When it was made.", "2026-02-01T10:00:00Z")
    expires_at = _f(serializers.DateTimeField(allow_null=True), "When it stops working.", None)
    revoked_at = _f(serializers.DateTimeField(allow_null=True), "When it was revoked.", None)
    last_used_at = _f(serializers.DateTimeField(allow_null=True), "Last successful use.", None)
    usable = _f(serializers.BooleanField(), "Neither revoked nor expired.", True)


class IssuedApiKeySerializer(ApiKeySerializer):
    key = _f(
        serializers.CharField(),
        "The whole key. Shown once: store it now; Slipstream keeps only a hash.",
        "slk_a1b2c3d4.Zx…",
    )


@page_form("api_key")
class ApiKeyInputSerializer(InputSerializer):
    name = _f(serializers.CharField(max_length=80), "What the key is for.", "Handshake sync")
    expires_at = _f(
        serializers.DateTimeField(required=False, allow_null=True),
        "When the key stops working (optional; never if empty).",
        "2026-12-31T23:59:59Z",
    )


class StaffInviteInputSerializer(InputSerializer):
    email = _f(
        EmailAddressField(),
        "A colleague's verified address on Slipstream.",
        "lee@northfield.edu",
    )
    role = _f(
        serializers.ChoiceField(
            choices=InstitutionMembership.StaffRole.choices,
            default=InstitutionMembership.StaffRole.VIEWER,
        ),
        "admin (keys and colleagues) or viewer.",
        "viewer",
    )


class ColleagueSerializer(serializers.Serializer):
    id = _f(
        serializers.IntegerField(),
        "Their staff membership id (institution/staff/{id}/ to change or remove).",
        12,
    )
    name = _f(serializers.CharField(), "Display name.", "Ana Ruiz")
    email = _f(serializers.EmailField(), "Their address.", "ana@northfield.edu")
    role = _f(serializers.CharField(), "admin or viewer.", "admin")
    is_you = _f(serializers.BooleanField(), "This colleague is you (the signed-in person).", True)


class InstitutionSerializer(serializers.Serializer):
    slug = _f(serializers.CharField(), "The institution's short name.", "northfield-university")
    name = _f(serializers.CharField(), "Full name.", "Northfield University")
    email_domains = _f(
        serializers.ListField(child=serializers.CharField()),
        "Domains whose verified addresses make students members.",
        ["northfield.edu"],
    )
    viewer_role = _f(serializers.CharField(), "Your role: admin or viewer.", "admin")
    staff = ColleagueSerializer(many=True, help_text="Career-office staff.")
