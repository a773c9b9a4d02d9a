"""Output serializers of an engagement: the card, the full view with the viewer's
`allowed_actions`, and what hangs off it (deliverables, feedback, thanks)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from projects.api.serializers import (
    ENGAGEMENT_ACTIONS,
    PersonFromUserSerializer,
    SkillOutputSerializer,
    TaskSummarySerializer,
)
from projects.api.showable_serializers import EngagementShowableSerializer
from projects.models import Feedback
from projects.transitions import engagement_actions_for


class DeliverableOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    link = serializers.CharField()
    file_url = serializers.SerializerMethodField()
    file_name = serializers.CharField()
    note = serializers.CharField()
    revision_comment = serializers.CharField()
    revision_requested_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_file_url(self, deliverable) -> str | None:
        # Served through an API view that checks the viewer, never straight from storage.
        return f"/api/v1/deliverables/{deliverable.pk}/file/" if deliverable.file else None


class FeedbackOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = PersonFromUserSerializer()
    rating = serializers.IntegerField()
    text = serializers.CharField()
    competencies = serializers.DictField(child=serializers.IntegerField())
    endorsed_skills = SkillOutputSerializer(many=True, source="endorsed_skills.all")
    endorsement = serializers.CharField()
    created_at = serializers.DateTimeField()


class FeedbackStateSerializer(serializers.Serializer):
    mine = FeedbackOutputSerializer(allow_null=True)
    theirs = FeedbackOutputSerializer(allow_null=True)
    theirs_written = serializers.BooleanField()


class ThanksOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sender_id = serializers.IntegerField()
    receiver_id = serializers.IntegerField()
    body = serializers.CharField()
    shown_on_profile = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class EngagementCardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    task = TaskSummarySerializer()
    mentor = PersonFromUserSerializer()
    drafter = PersonFromUserSerializer()
    application_id = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)


class EngagementOutputSerializer(EngagementCardSerializer):
    cancel_reason = serializers.CharField()
    cancelled_by = PersonFromUserSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    viewer_role = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()
    task_skills = SkillOutputSerializer(many=True, source="task.skills.all")
    deliverables = DeliverableOutputSerializer(many=True, source="deliverables.all")
    feedback = serializers.SerializerMethodField()
    thanks = ThanksOutputSerializer(many=True, source="thanks.all")
    competency_choices = serializers.SerializerMethodField()
    showable = EngagementShowableSerializer(source="*")
    offer_id = serializers.SerializerMethodField()

    def _actions(self, engagement) -> tuple[str, list[str]]:
        viewer = self.context["viewer"]
        return engagement_actions_for(
            engagement,
            viewer=viewer,
            feedback_given=self.context["feedback"]["mine"] is not None,
            thanks_given=any(note.sender_id == viewer.pk for note in engagement.thanks.all()),
            report_back_given=any(
                report.author_id == viewer.pk for report in engagement.report_backs.all()
            ),
            in_portfolio=self.context["in_portfolio"],
        )

    @extend_schema_field(serializers.ChoiceField(choices=["mentor", "drafter"]))
    def get_viewer_role(self, engagement) -> str:
        return self._actions(engagement)[0]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(ENGAGEMENT_ACTIONS)))
    def get_allowed_actions(self, engagement) -> list[str]:
        return self._actions(engagement)[1]

    @extend_schema_field(FeedbackStateSerializer)
    def get_feedback(self, engagement) -> dict:
        return FeedbackStateSerializer(self.context["feedback"]).data

    @extend_schema_field(
        serializers.IntegerField(
            allow_null=True,
            help_text="The accepted offer this engagement was made from; null when it began "
            "with an application.",
        )
    )
    def get_offer_id(self, engagement) -> int | None:
        # A missing reverse one-to-one raises a subclass of AttributeError: no offer.
        offer = getattr(engagement, "offer", None)
        return offer.pk if offer is not None else None

    @extend_schema_field(SkillOutputSerializer(many=True))
    def get_competency_choices(self, engagement) -> list[dict]:
        return [{"slug": value, "name": label} for value, label in Feedback.Competency.choices]
