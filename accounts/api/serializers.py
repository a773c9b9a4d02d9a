"""Input serializers validate; output serializers shape. Neither writes (services do)."""

from typing import Any, cast

from django.conf import settings
from django.core.validators import RegexValidator
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts import consent_terms
from accounts.api.fields import (
    HandleField,
    HttpUrlField,
    LinkedInUrlField,
    TimeZoneField,
    UploadField,
)
from accounts.completeness import profile_completeness
from accounts.models import Consent, PortfolioItem, Profile, UserSkill
from accounts.services.profiles import AVATAR_MAX_BYTES
from accounts.text import markdown_to_safe_html
from accounts.uploads import (
    DOCUMENT_KINDS,
    IMAGE_KINDS,
    MAX_UPLOAD_BYTES,
    upload_kind_is_image,
)
from marketplace.api.fields import EmailAddressField, ObjectIdField
from marketplace.api.inputs import (
    LINK_OR_FILE,
    CrossFieldRules,
    InputSerializer,
    UniqueListField,
)
from marketplace.api.limits import page_form
from marketplace.errors import Conflict


class PageQuerySerializer(InputSerializer):
    cursor = serializers.CharField(required=False, help_text="From the previous page's links.")
    # As the paginator reads it (marketplace/api/pagination.py): larger values are capped.
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=f"Results per page; larger values are capped at {settings.API_MAX_PAGE_SIZE}.",
    )


_pages: dict[type, type] = {}


def page_of(item_serializer: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The cursor-paginated envelope around `item_serializer`, for the schema."""
    if item_serializer not in _pages:
        name = item_serializer.__name__.replace("OutputSerializer", "").replace("Serializer", "")
        _pages[item_serializer] = type(
            f"{name}PageSerializer",
            (serializers.Serializer,),
            {
                "next": serializers.CharField(allow_null=True),
                "previous": serializers.CharField(allow_null=True),
                "results": item_serializer(many=True),
            },
        )
    return _pages[item_serializer]


# --- Output --------------------------------------------------------------------------------------


def avatar_url(profile: Profile) -> str | None:
    return avatar_url_for(handle=profile.handle, avatar_name=profile.avatar.name or "")


def avatar_url_for(*, handle: str, avatar_name: str) -> str | None:
    """The public avatar URL of a profile, versioned by its stored name (so caches refresh)."""
    if not avatar_name:
        return None
    version = avatar_name.rsplit("/", 1)[-1].split(".", 1)[0][:12]
    return f"{reverse('v1:profile-avatar', kwargs={'handle': handle})}?v={version}"


class SkillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    category = serializers.CharField()


class UserSkillSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="skill.id")
    name = serializers.CharField(source="skill.name")
    slug = serializers.CharField(source="skill.slug")
    category = serializers.CharField(source="skill.category")
    level = serializers.ChoiceField(choices=UserSkill.Level.choices)


class NextStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    label = serializers.CharField()  # type: ignore[assignment]
    url = serializers.CharField()


class CompletenessSerializer(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100)
    next_step = NextStepSerializer(allow_null=True)
    missing = serializers.ListField(child=serializers.CharField())


class PortfolioFileSerializer(serializers.Serializer):
    url = serializers.CharField()
    kind = serializers.CharField()
    size = serializers.IntegerField()
    name = serializers.CharField()
    is_image = serializers.BooleanField()


class PortfolioItemOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    link = serializers.CharField()
    visibility = serializers.ChoiceField(choices=PortfolioItem.Visibility.choices)
    position = serializers.IntegerField()
    skills = SkillSerializer(many=True, source="skills.all")
    file = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(PortfolioFileSerializer(allow_null=True))
    def get_file(self, item: PortfolioItem) -> dict | None:
        if not item.file:
            return None
        return {
            "url": reverse("v1:portfolio-file", kwargs={"item_id": item.pk}),
            "kind": item.file_kind,
            "size": item.file_size,
            "name": item.file_name,
            "is_image": upload_kind_is_image(item.file_kind),
        }


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


class MembershipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    institution_slug = serializers.CharField(source="institution.slug")
    institution_name = serializers.CharField(source="institution.name")
    role = serializers.CharField()
    email = serializers.CharField()
    programme = serializers.CharField(
        help_text="Students: programme or major, as you gave it (empty if not given)."
    )
    class_year = serializers.IntegerField(
        allow_null=True, help_text="Students: class year (year of graduation), if given."
    )
    created_at = serializers.DateTimeField()


class ConsentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    institution_slug = serializers.CharField(source="institution.slug")
    institution_name = serializers.CharField(source="institution.name")
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=Consent.Scope.choices))
    purpose = serializers.CharField()
    version = serializers.CharField()
    granted_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    is_active = serializers.BooleanField()


class ConsentScopeSerializer(serializers.Serializer):
    key = serializers.CharField()
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    label = serializers.CharField()  # type: ignore[assignment]
    explanation = serializers.CharField()


class ConsentTermsSerializer(serializers.Serializer):
    version = serializers.CharField()
    purpose = serializers.CharField()
    scopes = ConsentScopeSerializer(many=True)

    @staticmethod
    def current() -> dict:
        return {
            "version": consent_terms.VERSION,
            "purpose": consent_terms.PURPOSE,
            "scopes": [
                {"key": key, "label": label, "explanation": explanation}
                for key, (label, explanation) in consent_terms.SCOPES.items()
            ],
        }


# --- Input ---------------------------------------------------------------------------------------


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


class SkillQuerySerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=80, default="")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=20)


class SkillProposeInputSerializer(InputSerializer):
    # A name the catalogue can key (accounts/skill_keys.py): a Latin letter, a digit, + or #.
    name = serializers.CharField(
        max_length=80,
        validators=[
            RegexValidator(
                r"[A-Za-z0-9+#]",
                message="Use letters or digits in a skill name.",
                code="skill_name_invalid",
            )
        ],
    )
    category = serializers.ChoiceField(
        choices=[
            "software", "design", "data", "writing", "marketing", "research", "finance",
            "operations", "other",
        ],
        required=False,
        allow_blank=True,
        default="",
    )  # fmt: skip


class UserSkillInputSerializer(InputSerializer):
    skill_id = ObjectIdField()
    level = serializers.ChoiceField(choices=UserSkill.Level.choices)


class UserSkillsInputSerializer(InputSerializer):
    # The same entry twice is malformed (the schema says `uniqueItems`); one skill at two levels
    # is a contradiction no schema can state, answered 409 `skill_level_conflict`.
    skills = UniqueListField(
        child=UserSkillInputSerializer(),
        max_length=50,
        duplicate=("List each skill once.", "invalid"),
    )

    def validate_skills(self, value):
        ids = [item["skill_id"] for item in value]
        if len(ids) != len(set(ids)):
            raise Conflict(
                "Give each skill one level.",
                code="skill_level_conflict",
                fields={"skills": ["List each skill once, with one level."]},
            )
        return value


@page_form("portfolio_item")
class PortfolioItemInputSerializer(CrossFieldRules, InputSerializer):
    # Something people can see: a link or a file (`portfolio_link_or_file_required`).
    schema_any_of = [LINK_OR_FILE]
    title = serializers.CharField(max_length=160)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    link = HttpUrlField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=PortfolioItem.Visibility.choices, required=False)
    skill_ids = serializers.ListField(child=ObjectIdField(), max_length=10, required=False)
    file = UploadField(kinds=DOCUMENT_KINDS, max_bytes=MAX_UPLOAD_BYTES, required=False)
    remove_file = serializers.BooleanField(required=False, default=False)


class PortfolioReorderInputSerializer(InputSerializer):
    item_ids = UniqueListField(
        child=ObjectIdField(),
        max_length=100,
        duplicate=("List each item once.", "portfolio_reorder_mismatch"),
    )


@page_form("membership")
class MembershipDetailsInputSerializer(InputSerializer):
    """A student's cohort at one institution; both optional, an empty value clears it."""

    programme = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=160,
        help_text="Programme or major, e.g. Economics (empty to clear).",
    )
    class_year = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1950,
        max_value=2100,
        help_text="Class year: the year you graduate, e.g. 2027 (null to clear).",
    )


class StaffAddInputSerializer(InputSerializer):
    email = EmailAddressField()


class ConsentGrantInputSerializer(InputSerializer):
    institution = serializers.SlugField(max_length=80)
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=Consent.Scope.choices), min_length=1, max_length=4
    )
    # Only the current wording can be agreed to; the schema names it.
    version = serializers.ChoiceField(choices=[consent_terms.VERSION])
