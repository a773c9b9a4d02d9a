"""Offer inputs (shapes only; the rules live in projects/offers/services) and outputs."""

import datetime

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.fields import HttpUrlField
from accounts.api.serializers import UserSkillSerializer, avatar_url_for
from accounts.models import PortfolioItem, User
from accounts.uploads import upload_kind_is_image
from marketplace.api.fields import ObjectIdField
from marketplace.api.inputs import CrossFieldRules, InputSerializer, TextField
from marketplace.api.limits import page_form
from projects.api.inputs import CURRENCIES, PORTFOLIO_OR_WORK_SAMPLE
from projects.api.serializers import PersonFromUserSerializer, SkillOutputSerializer
from projects.offers.models import OFFER_MAX_HOURS, Offer
from projects.offers.services.offers import (
    DECLINE_NOTE_MAX_LENGTH,
    OFFER_EXPIRY_DAYS,
    TITLE_MAX_LENGTH,
    WHAT_MAX_LENGTH,
)
from projects.offers.services.settings import CAP_MAX, CAP_MIN, MAX_TOPICS, NOTE_MAX_LENGTH
from projects.transitions import offer_actions_for

# --- inputs -------------------------------------------------------------------------------------


@page_form("offer_settings")
class OfferSettingsInputSerializer(InputSerializer):
    is_open = serializers.BooleanField(required=False, help_text="Whether you take offers now.")
    monthly_cap = serializers.IntegerField(
        min_value=CAP_MIN,
        max_value=CAP_MAX,
        required=False,
        help_text="Offers you take in a calendar month (pending and accepted ones count).",
    )
    topic_ids = serializers.ListField(
        child=ObjectIdField(),
        max_length=MAX_TOPICS,
        required=False,
        help_text="Catalogue skills you welcome offers on.",
    )
    note = serializers.CharField(
        max_length=NOTE_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="A short note drafters read before offering.",
    )


@page_form("mentor_search")
class MentorQuerySerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    handle = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        default="",
        help_text="Only this mentor (empty list when they are not open to offers).",
    )
    skills = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        default="",
        help_text="Comma-separated skill names (as on the chips) or slugs.",
    )

    def validate_skills(self, value: str) -> list[str]:
        return [slug.strip() for slug in value.split(",") if slug.strip()][:10]


@page_form("offer")
class OfferInputSerializer(CrossFieldRules, InputSerializer):
    """A drafter's offer: small (1-10 hours), specific, dated, and led by their work."""

    schema_any_of = [PORTFOLIO_OR_WORK_SAMPLE]

    title = TextField(
        not_blank=("Give the offer a short title.", "offer_invalid"),
        limit=(TITLE_MAX_LENGTH, "Keep the title short.", "offer_invalid"),
        help_text="A short name for the piece of work.",
    )
    what = TextField(
        not_blank=("Say what you will do.", "offer_invalid"),
        limit=(WHAT_MAX_LENGTH, f"Keep it to {WHAT_MAX_LENGTH} characters.", "offer_invalid"),
        help_text="What you will do and deliver, in the mentor's words of their work.",
    )
    estimated_hours = serializers.IntegerField(min_value=1, max_value=OFFER_MAX_HOURS)
    by_when = serializers.DateField(help_text="The date you will deliver by (in the future).")
    work_sample_link = HttpUrlField(max_length=500, required=False, allow_blank=True, default="")
    portfolio_item_ids = serializers.ListField(
        child=ObjectIdField(), max_length=10, required=False, default=list
    )
    skill_ids = serializers.ListField(
        child=ObjectIdField(), max_length=10, required=False, default=list
    )


class OfferAcceptInputSerializer(InputSerializer):
    stipend_amount = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text="In cents; 0 or null for an unpaid draft. Paid drafts are funded as usual.",
    )
    stipend_currency = serializers.ChoiceField(choices=CURRENCIES, required=False, default="usd")
    what_you_gain = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    deadline = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Defaults to the offer's date."
    )


@page_form("offer_decline")
class OfferDeclineInputSerializer(InputSerializer):
    reason = serializers.ChoiceField(choices=Offer.DeclineReason.choices)
    note = serializers.CharField(
        max_length=DECLINE_NOTE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


# --- outputs ------------------------------------------------------------------------------------


class OfferSettingsOutputSerializer(serializers.Serializer):
    is_open = serializers.BooleanField()
    monthly_cap = serializers.IntegerField()
    topics = SkillOutputSerializer(many=True)
    note = serializers.CharField()


class OfferMentorCardSerializer(serializers.Serializer):
    """A public card: never an e-mail address."""

    handle = serializers.CharField()
    display_name = serializers.CharField()
    headline = serializers.CharField()
    organisation = serializers.CharField()
    job_title = serializers.CharField()
    verified_work_domain = serializers.CharField(
        help_text='The domain of a work address the mentor confirmed ("" when none), never the '
        "address."
    )
    note = serializers.CharField(help_text="The mentor's note to drafters.")
    topics = SkillOutputSerializer(many=True)
    reply_rate = serializers.FloatField(
        allow_null=True,
        help_text=(
            "Share (0-1) of applications and offers answered within 14 days over the last 90 "
            "days; null when too few were due an answer."
        ),
    )
    monthly_cap = serializers.IntegerField()
    offers_left_this_month = serializers.IntegerField()
    opens_again_on = serializers.DateField(
        allow_null=True, help_text="When no offers are left: the 1st of next month."
    )


class MentorSuggestionSerializer(OfferMentorCardSerializer):
    """A mentor the viewer could offer to: the public card plus why it fits them."""

    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text="Why this mentor fits: each names a topic they welcome and a skill of yours.",
    )


class OfferEvidenceFileSerializer(serializers.Serializer):
    url = serializers.CharField()
    name = serializers.CharField()
    is_image = serializers.BooleanField()


class OfferEvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    link = serializers.CharField()
    file = serializers.SerializerMethodField(
        help_text="The piece's file, when it is public (anyone may open it, so the mentor can)."
    )

    @extend_schema_field(OfferEvidenceFileSerializer(allow_null=True))
    def get_file(self, item: PortfolioItem) -> dict | None:
        # The public file route serves public items only: an "only with my applications" piece
        # shows its title and link here, never a file the mentor could not open.
        if not item.file or item.visibility != PortfolioItem.Visibility.PUBLIC:
            return None
        return {
            "url": reverse("v1:portfolio-file", kwargs={"item_id": item.pk}),
            "name": item.file_name or item.title,
            "is_image": upload_kind_is_image(item.file_kind),
        }


class OfferDrafterCardSerializer(serializers.Serializer):
    """Who sent the offer, as the mentor weighs it: the public face of their profile (never an
    e-mail address), from rows the offer selector loads in bulk."""

    handle = serializers.CharField(source="profile.handle")
    display_name = serializers.CharField(source="profile.display_name")
    avatar_url = serializers.SerializerMethodField()
    headline = serializers.CharField(source="profile.headline")
    skills = UserSkillSerializer(many=True, source="user_skills.all")
    verified_experience_count = serializers.SerializerMethodField(
        help_text="Drafts they completed that a mentor approved (their verified experience)."
    )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_avatar_url(self, drafter: User) -> str | None:
        profile = drafter.profile
        return avatar_url_for(handle=profile.handle, avatar_name=profile.avatar.name or "")

    def get_verified_experience_count(self, drafter: User) -> int:
        return self.context["verified_count"]


class OfferOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=Offer.State.choices)
    state_label = serializers.CharField(source="get_state_display")
    title = serializers.CharField()
    what = serializers.CharField()
    estimated_hours = serializers.IntegerField()
    by_when = serializers.DateField()
    work_sample_link = serializers.CharField()
    portfolio_items = OfferEvidenceSerializer(many=True, source="portfolio_items.all")
    skills = SkillOutputSerializer(many=True, source="skills.all")
    mentor = PersonFromUserSerializer()
    drafter = PersonFromUserSerializer()
    drafter_card = serializers.SerializerMethodField(
        help_text="The drafter's public card: photo, name, headline, skills, verified experience."
    )
    decline_reason = serializers.CharField(
        help_text="not_a_fit, no_capacity, already_covered, other; blank unless declined."
    )
    decline_reason_label = serializers.SerializerMethodField()
    decline_note = serializers.CharField()
    created_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.SerializerMethodField()
    task_id = serializers.IntegerField(allow_null=True)
    engagement_id = serializers.IntegerField(allow_null=True)
    viewer_role = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    @extend_schema_field(OfferDrafterCardSerializer)
    def get_drafter_card(self, offer: Offer) -> dict:
        # Counted by the offer selector's annotation, for a whole page of offers in one query.
        count = offer.drafter_verified_count  # type: ignore[attr-defined]
        return OfferDrafterCardSerializer(offer.drafter, context={"verified_count": count}).data

    def get_decline_reason_label(self, offer: Offer) -> str:
        return offer.get_decline_reason_display() if offer.decline_reason else ""

    def get_expires_at(self, offer: Offer) -> datetime.datetime | None:
        """When a pending offer closes by itself (null once answered)."""
        if offer.state != Offer.State.PENDING:
            return None
        return offer.created_at + datetime.timedelta(days=OFFER_EXPIRY_DAYS)

    def get_viewer_role(self, offer: Offer) -> str:
        return offer_actions_for(offer, viewer=self.context["viewer"])[0]

    def get_allowed_actions(self, offer: Offer) -> list[str]:
        return offer_actions_for(offer, viewer=self.context["viewer"])[1]
