"""The account and its profile: /me/ (output and form), the public profile, avatar upload
and account deletion."""

from typing import Any, cast

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.fields import (
    HandleField,
    HttpUrlField,
    LinkedInUrlField,
    TimeZoneField,
    UploadField,
)
from accounts.api.serializers.common import avatar_url
from accounts.api.serializers.portfolio import PortfolioItemOutputSerializer
from accounts.api.serializers.skills import UserSkillSerializer
from accounts.completeness import profile_completeness
from accounts.models import Profile
from accounts.services.profiles import AVATAR_MAX_BYTES
from accounts.text import markdown_to_safe_html
from accounts.uploads import IMAGE_KINDS
from marketplace.api.inputs import CrossFieldRules, InputSerializer
from marketplace.api.limits import page_form


class NextStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    label = serializers.CharField()  # type: ignore[assignment]
    url = serializers.CharField()


class CompletenessSerializer(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100)
    next_step = NextStepSerializer(allow_null=True)
    missing = serializers.ListField(child=serializers.CharField())


class _ProfileFieldsSerializer(serializers.Serializer):
    """The profile fields /me/ and the public profile share (source: a Profile)."""

    handle = serializers.CharField()
    display_name = serializers.CharField()
    headline = serializers.CharField()
    bio_html = serializers.SerializerMethodField()
    location = serializers.CharField()
    time_zone = serializers.CharField()
    weekly_hours = serializers.IntegerField(allow_null=True)
    links = serializers.ListField(child=serializers.CharField())
    avatar_url = serializers.SerializerMethodField()
    wants_to_mentor = serializers.BooleanField()
    wants_to_draft = serializers.BooleanField()
    organisation = serializers.CharField()
    job_title = serializers.CharField()
    years_experience = serializers.IntegerField(allow_null=True)
    linkedin_url = serializers.CharField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_bio_html(self, profile: Profile) -> str:
        return markdown_to_safe_html(profile.bio)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_avatar_url(self, profile: Profile) -> str | None:
        return avatar_url(profile)


class PublicProfileSerializer(_ProfileFieldsSerializer):
    member_since = serializers.DateTimeField(source="user.date_joined")
    verified_work_domain = serializers.SerializerMethodField(
        help_text='A mentor\'s confirmed work domain ("verified at acme.com"); "" when there is '
        "none, and always for someone who does not mentor (where a drafter works is theirs "
        "to say)."
    )
    skills = UserSkillSerializer(many=True, source="user.user_skills.all")
    portfolio = PortfolioItemOutputSerializer(many=True, source="user.public_portfolio")

    @extend_schema_field(OpenApiTypes.STR)
    def get_verified_work_domain(self, profile: Profile) -> str:
        return profile.verified_work_domain if profile.wants_to_mentor else ""


class MeOutputSerializer(_ProfileFieldsSerializer):
    """Account + profile, flat. Built from `user_get_with_profile` (accounts.selectors.profiles),
    a User; fields read from its profile, whose `user` is the same instance (select_related)."""

    id = serializers.IntegerField(source="user.id")
    email = serializers.EmailField(source="user.email")
    has_usable_password = serializers.SerializerMethodField()
    bio = serializers.CharField()
    skills = UserSkillSerializer(many=True, source="user.user_skills.all")
    portfolio_count = serializers.IntegerField(source="user.portfolio_count")
    onboarding_completed = serializers.SerializerMethodField()
    completeness = serializers.SerializerMethodField()
    discoverable = serializers.BooleanField(
        help_text="Mentors may find me among a task's recommended drafters and invite me."
    )
    verified_work_domain = serializers.CharField(
        help_text="The domain of my newest confirmed address that is not free webmail; shown "
        "publicly while I mentor."
    )
    email_verified = serializers.SerializerMethodField(
        help_text="False while my address waits for its confirmation link: applying, posting "
        "and sending offers need it."
    )
    handle_changeable = serializers.SerializerMethodField()

    def to_representation(self, user):
        return super().to_representation(user.profile)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_has_usable_password(self, profile: Profile) -> bool:
        return profile.user.has_usable_password()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_email_verified(self, profile: Profile) -> bool:
        # user_get_with_profile annotates has_address and has_verified_address.
        user: Any = profile.user
        return user.has_verified_address or not user.has_address

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_handle_changeable(self, profile: Profile) -> bool:
        """A handle may be chosen once (old ones redirect)."""
        return profile.handle_chosen_at is None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_onboarding_completed(self, profile: Profile) -> bool:
        return profile.onboarding_completed_at is not None

    @extend_schema_field(CompletenessSerializer)
    def get_completeness(self, profile: Profile) -> dict:
        return profile_completeness(
            profile=profile,
            skill_count=len(profile.user.user_skills.all()),
            portfolio_count=cast(Any, profile.user).portfolio_count,  # user_get_with_profile's
        )


class _LinkText(HttpUrlField):
    """A profile link: the schema states the http(s) pattern; `validate_links` checks it, to
    answer one flat message per link ("Link 2: ...")."""

    def to_internal_value(self, data):
        return serializers.CharField.to_internal_value(self, data)


@page_form("profile")
class MeInputSerializer(CrossFieldRules, InputSerializer):
    # Not both roles turned off (`validate`): one of them is true, or left out.
    schema_any_of_always = [
        [
            {"properties": {"wants_to_mentor": {"enum": [True]}}},
            {"properties": {"wants_to_draft": {"enum": [True]}}},
        ]
    ]

    handle = HandleField(required=False)
    display_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    headline = serializers.CharField(max_length=160, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    location = serializers.CharField(max_length=120, required=False, allow_blank=True)
    time_zone = TimeZoneField(required=False, allow_blank=True)
    weekly_hours = serializers.IntegerField(
        min_value=0, max_value=80, required=False, allow_null=True
    )
    links = serializers.ListField(child=_LinkText(), max_length=5, required=False)
    wants_to_mentor = serializers.BooleanField(required=False)
    wants_to_draft = serializers.BooleanField(required=False)
    organisation = serializers.CharField(max_length=160, required=False, allow_blank=True)
    job_title = serializers.CharField(max_length=160, required=False, allow_blank=True)
    years_experience = serializers.IntegerField(
        min_value=0, max_value=70, required=False, allow_null=True
    )
    linkedin_url = LinkedInUrlField(required=False, allow_blank=True)
    discoverable = serializers.BooleanField(
        required=False,
        help_text="Let mentors find me among a task's recommended drafters and invite me.",
    )
    onboarding_completed = serializers.BooleanField(required=False)

    def validate_links(self, links: list[str]) -> list[str]:
        # Checked here rather than with a child field so the error is one flat message per link.
        checker = HttpUrlField()
        cleaned = []
        for position, link in enumerate(links, start=1):
            try:
                cleaned.append(checker.run_validation(link))
            except serializers.ValidationError as error:
                first = cast(list[Any], error.detail)[0]  # a field's errors are a list
                raise serializers.ValidationError(f"Link {position}: {first}") from error
        return [link for link in cleaned if link]

    def validate(self, attrs):
        if attrs.get("wants_to_mentor") is False and attrs.get("wants_to_draft") is False:
            raise serializers.ValidationError(
                {"wants_to_draft": ["Choose at least one role: drafter, mentor or both."]}
            )
        return attrs


class AccountDeleteInputSerializer(InputSerializer):
    password = serializers.CharField(required=False, allow_blank=True, default="")


class AvatarInputSerializer(InputSerializer):
    avatar = UploadField(kinds=IMAGE_KINDS, max_bytes=AVATAR_MAX_BYTES)
