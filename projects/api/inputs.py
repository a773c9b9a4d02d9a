"""Input serializers: they validate shapes only. Business rules live in projects/services/, so
nothing here saves a model."""

from rest_framework import serializers

from marketplace.api.fields import ObjectIdField
from projects.models import Task
from projects.selectors.tasks import BROWSE_ORDERINGS

CURRENCIES = ["usd", "eur", "gbp", "cad", "aud"]


class TaskInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    description = serializers.CharField(max_length=10_000)
    skill_ids = serializers.ListField(child=ObjectIdField(), max_length=20, required=False)
    estimated_hours = serializers.IntegerField(min_value=1, max_value=400)
    deadline = serializers.DateField(required=False, allow_null=True)
    is_remote = serializers.BooleanField(required=False, default=True)
    location = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    slots = serializers.IntegerField(min_value=1, max_value=50, required=False, default=1)
    stipend_amount = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    stipend_currency = serializers.ChoiceField(choices=CURRENCIES, required=False, default="usd")
    what_you_gain = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    visibility = serializers.ChoiceField(
        choices=Task.Visibility.choices, required=False, default=Task.Visibility.PUBLIC
    )
    institution_ids = serializers.ListField(child=ObjectIdField(), max_length=20, required=False)
    questions = serializers.ListField(
        child=serializers.CharField(max_length=300), max_length=3, required=False, default=list
    )

    def validate_stipend_amount(self, value: int | None) -> int | None:
        return value or None  # 0 means unpaid


class BrowseQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    skills = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Comma-separated skill names (as on the chips) or slugs.",
    )
    paid = serializers.BooleanField(required=False, allow_null=True, default=None)
    min_hours = serializers.IntegerField(required=False, min_value=0)
    max_hours = serializers.IntegerField(required=False, min_value=0)
    remote = serializers.BooleanField(required=False, allow_null=True, default=None)
    deadline_before = serializers.DateField(required=False)
    institution_only = serializers.BooleanField(required=False, default=False)
    ordering = serializers.ChoiceField(
        choices=list(BROWSE_ORDERINGS), required=False, default="newest"
    )

    def validate_skills(self, value: str) -> list[str]:
        return [slug.strip() for slug in value.split(",") if slug.strip()][:10]


class ApplicationInputSerializer(serializers.Serializer):
    # No max_length here: the service answers an over-long note with `note_too_long`.
    note = serializers.CharField(allow_blank=True, required=False, default="")
    work_sample_link = serializers.URLField(
        max_length=500, required=False, allow_blank=True, default=""
    )
    portfolio_item_ids = serializers.ListField(
        child=ObjectIdField(), max_length=10, required=False, default=list
    )
    answers = serializers.ListField(
        child=serializers.CharField(allow_blank=True), max_length=3, required=False, default=list
    )


class DeclineInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class DeliverableInputSerializer(serializers.Serializer):
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RevisionInputSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000, allow_blank=True)


class CancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, allow_blank=True)


class MessageInputSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)


class FeedbackInputSerializer(serializers.Serializer):
    rating = serializers.IntegerField()
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    competencies = serializers.DictField(
        child=serializers.IntegerField(), required=False, default=dict
    )
    endorsed_skill_ids = serializers.ListField(
        child=ObjectIdField(), max_length=20, required=False, default=list
    )
    endorsement = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


class ThanksInputSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)


class ThanksShowInputSerializer(serializers.Serializer):
    shown_on_profile = serializers.BooleanField()


class IntroductionInputSerializer(serializers.Serializer):
    task_id = ObjectIdField()
    drafter_handle = serializers.CharField(max_length=40)
    note = serializers.CharField(allow_blank=True)
