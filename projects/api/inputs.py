"""Input serializers: they validate shapes only. Business rules live in projects/services/, so
nothing here saves a model."""

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from accounts.api.fields import HandleField, HttpUrlField, UploadField
from accounts.uploads import DOCUMENT_KINDS, MAX_UPLOAD_BYTES
from marketplace.api.fields import ObjectIdField
from marketplace.api.inputs import (
    LINK_OR_FILE,
    NOT_BLANK,
    CrossFieldRules,
    InputSerializer,
    TextField,
)
from marketplace.api.limits import page_form
from projects.models import Application, Task
from projects.selectors.tasks import BROWSE_ORDERINGS
from projects.services.applications import MAX_ANSWER_LENGTH, NOTE_MAX_LENGTH
from projects.services.conversations import MESSAGE_MAX_LENGTH
from projects.services.tasks import STIPEND_MIN_MINOR

CURRENCIES = ["usd", "eur", "gbp", "cad", "aud"]
# The longest task a mentor can post; filters on hours use the same bound.
MAX_TASK_HOURS = 400


class StipendAmountField(serializers.IntegerField):
    """0 or null: unpaid; otherwise an amount in cents within the site's range."""

    def __init__(self, **kwargs) -> None:
        super().__init__(min_value=0, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and not STIPEND_MIN_MINOR <= value <= settings.STIPEND_MAX_MINOR:
            raise serializers.ValidationError(
                f"A stipend must be between {STIPEND_MIN_MINOR} and "
                f"{settings.STIPEND_MAX_MINOR} (in cents).",
                code="stipend_out_of_range",
            )
        return value


class _StipendAmountScheme(OpenApiSerializerFieldExtension):
    target_class = StipendAmountField

    def map_serializer_field(self, auto_schema, direction):
        # A query parameter cannot carry null: only a field that accepts it says nullable.
        return {
            "type": "integer",
            "nullable": self.target.allow_null,
            "description": (
                "In cents; 0 or null for an unpaid task."
                if self.target.allow_null
                else "In cents; 0 for an unpaid task."
            ),
            "anyOf": [
                {"type": "integer", "enum": [0]},
                {
                    "type": "integer",
                    "minimum": STIPEND_MIN_MINOR,
                    "maximum": settings.STIPEND_MAX_MINOR,
                },
            ],
        }


# An unpaid task says what the drafter gains; a task off-site says where.
_PAID_OR_SAYS_WHAT_YOU_GAIN = [
    {
        "required": ["stipend_amount"],
        "properties": {"stipend_amount": {"type": "integer", "minimum": 1}},
    },
    {
        "required": ["what_you_gain"],
        "properties": {"what_you_gain": {"type": "string", "pattern": NOT_BLANK}},
    },
]
_REMOTE_OR_SAYS_WHERE: list[dict[str, Any]] = [
    {"properties": {"is_remote": {"enum": [True]}}},
    {
        "required": ["location"],
        "properties": {"location": {"type": "string", "pattern": NOT_BLANK}},
    },
]


@page_form("task")
class TaskInputSerializer(CrossFieldRules, InputSerializer):
    schema_any_of = [_PAID_OR_SAYS_WHAT_YOU_GAIN, _REMOTE_OR_SAYS_WHERE]

    title = serializers.CharField(max_length=160)
    description = serializers.CharField(max_length=10_000)
    skill_ids = serializers.ListField(child=ObjectIdField(), max_length=20, required=False)
    estimated_hours = serializers.IntegerField(min_value=1, max_value=MAX_TASK_HOURS)
    deadline = serializers.DateField(required=False, allow_null=True)
    is_remote = serializers.BooleanField(required=False, default=True)
    location = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    slots = serializers.IntegerField(min_value=1, max_value=50, required=False, default=1)
    stipend_amount = StipendAmountField(required=False, allow_null=True)
    stipend_currency = serializers.ChoiceField(choices=CURRENCIES, required=False, default="usd")
    what_you_gain = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    # A private task is made only by accepting an offer (projects/offers), never chosen here.
    visibility = serializers.ChoiceField(
        choices=[
            (Task.Visibility.PUBLIC, "Everyone"),
            (Task.Visibility.INSTITUTIONS, "Only students of chosen institutions"),
        ],
        required=False,
        default=Task.Visibility.PUBLIC,
    )
    level = serializers.ChoiceField(
        choices=Task.Level.choices, required=False, default=Task.Level.SOME_EXPERIENCE
    )
    institution_ids = serializers.ListField(child=ObjectIdField(), max_length=20, required=False)
    questions = serializers.ListField(
        child=serializers.CharField(max_length=300), max_length=3, required=False, default=list
    )

    def validate_stipend_amount(self, value: int | None) -> int | None:
        return value or None  # 0 means unpaid

    def validate(self, attrs: dict) -> dict:
        # The same rules as the services' (which answer with these codes), checked before any
        # lookup, so a request the schema calls invalid is refused as such.
        if self.partial:
            return attrs
        if not attrs.get("stipend_amount") and not attrs.get("what_you_gain", "").strip():
            message = "An unpaid task must say what the drafter will gain."
            raise serializers.ValidationError(
                {"what_you_gain": [message]}, code="what_you_gain_required"
            )
        if not attrs.get("is_remote", True) and not attrs.get("location", "").strip():
            message = "Give a location, or mark the task as remote."
            raise serializers.ValidationError({"location": [message]}, code="task_invalid")
        return attrs


@page_form("browse")
class BrowseQuerySerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    skills = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="Comma-separated skill names (as on the chips) or slugs.",
    )
    paid = serializers.BooleanField(required=False, allow_null=True, default=None)
    min_hours = serializers.IntegerField(required=False, min_value=0, max_value=MAX_TASK_HOURS)
    max_hours = serializers.IntegerField(required=False, min_value=0, max_value=MAX_TASK_HOURS)
    remote = serializers.BooleanField(required=False, allow_null=True, default=None)
    deadline_before = serializers.DateField(required=False)
    institution_only = serializers.BooleanField(required=False, default=False)
    level = serializers.ChoiceField(choices=Task.Level.choices, required=False)
    ordering = serializers.ChoiceField(
        choices=list(BROWSE_ORDERINGS), required=False, default="newest"
    )

    def validate_skills(self, value: str) -> list[str]:
        return [slug.strip() for slug in value.split(",") if slug.strip()][:10]


# Evidence: a portfolio item, or a link to a work sample (`evidence_required`); applications and
# offers share the rule (projects.services.applications.evidence_items_check).
PORTFOLIO_OR_WORK_SAMPLE = [
    {
        "required": ["portfolio_item_ids"],
        "properties": {"portfolio_item_ids": {"type": "array", "minItems": 1}},
    },
    {
        "required": ["work_sample_link"],
        "properties": {"work_sample_link": {"type": "string", "pattern": NOT_BLANK}},
    },
]


@page_form("application")
class ApplicationInputSerializer(CrossFieldRules, InputSerializer):
    schema_any_of = [PORTFOLIO_OR_WORK_SAMPLE]

    note = TextField(
        not_blank=(
            "Write a short note: what you would do, and which work shows you can.",
            "note_required",
        ),
        limit=(NOTE_MAX_LENGTH, "Keep the note to {limit} characters.", "note_too_long"),
    )
    work_sample_link = HttpUrlField(max_length=500, required=False, allow_blank=True, default="")
    portfolio_item_ids = serializers.ListField(
        child=ObjectIdField(), max_length=10, required=False, default=list
    )
    answers = serializers.ListField(
        child=TextField(
            not_blank=("Answer each question.", "answers_invalid"),
            limit=(MAX_ANSWER_LENGTH, "Keep each answer short.", "answers_invalid"),
        ),
        max_length=3,
        required=False,
        default=list,
    )


@page_form("decline")
class DeclineInputSerializer(InputSerializer):
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    # One of the short list of reasons (the day-7 reminder's one-click links); optional.
    reason = serializers.ChoiceField(
        choices=[c for c in Application.DeclineReason.choices if c[0] != "no_answer"],
        required=False,
    )


@page_form("deliverable")
class DeliverableInputSerializer(CrossFieldRules, InputSerializer):
    # A link or a file with the work (the service refuses neither with `deliverable_required`).
    schema_any_of = [LINK_OR_FILE]
    link = HttpUrlField(max_length=500, required=False, allow_blank=True, default="")
    file = UploadField(
        kinds=DOCUMENT_KINDS,
        max_bytes=MAX_UPLOAD_BYTES,
        required=False,
        allow_null=True,
        default=None,
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


@page_form("revision")
class RevisionInputSerializer(InputSerializer):
    comment = TextField(
        not_blank=("Say what should change.", "comment_required"),
        limit=(2000, "Keep the comment to {limit} characters.", "comment_too_long"),
    )


@page_form("cancel")
class CancelInputSerializer(InputSerializer):
    reason = TextField(
        not_blank=("Give a short reason; the other person will see it.", "reason_required"),
        limit=(1000, "Keep the reason to {limit} characters.", "reason_too_long"),
    )


@page_form("message")
class MessageInputSerializer(InputSerializer):
    body = TextField(
        not_blank=("Write something first.", "message_empty"),
        limit=(
            MESSAGE_MAX_LENGTH,
            "Keep messages to {limit} characters.",
            "message_too_long",
        ),
    )


@page_form("feedback")
class FeedbackInputSerializer(InputSerializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    competencies = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5), required=False, default=dict
    )
    endorsed_skill_ids = serializers.ListField(
        child=ObjectIdField(), max_length=20, required=False, default=list
    )
    endorsement = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


@page_form("thanks")
class ThanksInputSerializer(InputSerializer):
    body = TextField(
        not_blank=("Write a note of up to {limit} characters.", "feedback_invalid"),
        limit=(1000, "Write a note of up to {limit} characters.", "feedback_invalid"),
    )


class ThanksShowInputSerializer(InputSerializer):
    shown_on_profile = serializers.BooleanField()


@page_form("introduction")
class IntroductionInputSerializer(InputSerializer):
    task_id = ObjectIdField()
    drafter_handle = HandleField()
    note = TextField(
        not_blank=("Write a short note (up to {limit} characters).", "introduction_invalid"),
        limit=(500, "Write a short note (up to {limit} characters).", "introduction_invalid"),
    )


SHOWABLE_CHOICES = ["full", "case_study", "after", "private"]


# `after` needs its date; every other choice has none.
_AFTER_HAS_ITS_DATE: list[dict[str, Any]] = [
    {
        "properties": {
            "showable": {"enum": [c for c in SHOWABLE_CHOICES if c != "after"]},
            "show_after": {"enum": [None]},
        }
    },
    {
        "required": ["showable", "show_after"],
        "properties": {
            "showable": {"enum": ["after"]},
            "show_after": {"type": "string", "format": "date"},
        },
    },
]


@page_form("showable")
class ShowableInputSerializer(CrossFieldRules, InputSerializer):
    """The showable-work clause: at approval (all optional: private by default) or proposed by
    the drafter later. `show_after` (a future date) goes with `after` only."""

    schema_any_of_always = [_AFTER_HAS_ITS_DATE]

    showable = serializers.ChoiceField(choices=SHOWABLE_CHOICES, required=False, default="private")
    show_after = serializers.DateField(required=False, allow_null=True, default=None)
    public_title = serializers.CharField(
        max_length=160, required=False, allow_blank=True, default=""
    )

    def validate(self, attrs: dict) -> dict:
        if attrs["showable"] == "after" and attrs["show_after"] is None:
            raise serializers.ValidationError(
                {"show_after": ["Give the date from which the work may be shown."]}
            )
        if attrs["showable"] != "after" and attrs["show_after"] is not None:
            raise serializers.ValidationError(
                {"show_after": ["A date goes with the `after` choice only."]}
            )
        return attrs


class ShowableProposalInputSerializer(ShowableInputSerializer):
    showable = serializers.ChoiceField(choices=SHOWABLE_CHOICES)


@page_form("case_study")
class CaseStudyInputSerializer(InputSerializer):
    text = TextField(
        not_blank=("Write the case study.", "showable_invalid"),
        limit=(3000, "Write the case study in up to 3,000 characters.", "showable_invalid"),
    )
