"""The showable-work clause as the engagement's two people see it (choice, proposal, case study)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from projects.selectors.showable import showable_label
from projects.transitions import showable_effective

CHOICES = ["full", "case_study", "after", "private"]


class ShowableProposalSerializer(serializers.Serializer):
    showable = serializers.ChoiceField(choices=CHOICES, source="showable_proposed")
    show_after = serializers.DateField(allow_null=True, source="show_after_proposed")
    public_title = serializers.CharField(source="public_title_proposed")


class EngagementShowableSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=CHOICES, source="showable")
    show_after = serializers.DateField(allow_null=True)
    public_title = serializers.CharField()
    effective = serializers.SerializerMethodField()
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    label = serializers.SerializerMethodField()  # type: ignore[assignment]
    proposal = serializers.SerializerMethodField()
    case_study = serializers.CharField()
    case_study_state = serializers.ChoiceField(choices=["none", "submitted", "approved"])

    @extend_schema_field(serializers.ChoiceField(choices=["full", "case_study", "private"]))
    def get_effective(self, engagement) -> str:
        return showable_effective(engagement, today=timezone.localdate())

    def get_label(self, engagement) -> str:
        return showable_label(engagement, today=timezone.localdate())

    @extend_schema_field(ShowableProposalSerializer(allow_null=True))
    def get_proposal(self, engagement) -> dict | None:
        if not engagement.showable_proposed:
            return None
        return ShowableProposalSerializer(engagement).data
