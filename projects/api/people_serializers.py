"""Output serializers about people: the dashboard, verified experience, the inbox, introductions."""

from urllib.parse import urlencode

from django.conf import settings
from rest_framework import serializers

from projects.api.engagement_serializers import EngagementCardSerializer
from projects.api.serializers import (
    PersonFromUserSerializer,
    PersonSerializer,
    TaskSummarySerializer,
)


class IntroductionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    note = serializers.CharField()
    task = TaskSummarySerializer()
    drafter = PersonFromUserSerializer()
    introducer = PersonFromUserSerializer()
    created_at = serializers.DateTimeField()


class DashboardTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.CharField()
    slots = serializers.IntegerField()
    filled_slots = serializers.IntegerField()
    applications_total = serializers.IntegerField()
    applications_pending = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)


class DashboardApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    created_at = serializers.DateTimeField()
    task = TaskSummarySerializer()
    drafter = PersonFromUserSerializer()
    mentor = PersonFromUserSerializer(
        source="task.mentor", help_text="The task's mentor, whose answer it waits for."
    )


class DashboardNextStepSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()


class DashboardOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.CharField()
    created_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField(help_text="When the pending offer closes by itself.")
    mentor = PersonFromUserSerializer()
    drafter = PersonFromUserSerializer()


class DashboardMentorSerializer(serializers.Serializer):
    tasks = DashboardTaskSerializer(many=True)
    applications_to_review = DashboardApplicationSerializer(many=True)
    engagements = EngagementCardSerializer(many=True)
    offers = DashboardOfferSerializer(many=True, help_text="Pending offers received.")


class DashboardDrafterSerializer(serializers.Serializer):
    applications = DashboardApplicationSerializer(many=True)
    engagements = EngagementCardSerializer(many=True)
    introductions = IntroductionOutputSerializer(many=True)
    offers = DashboardOfferSerializer(many=True, help_text="Pending offers sent.")
    next_steps = DashboardNextStepSerializer(many=True)


class DashboardRolesSerializer(serializers.Serializer):
    mentor = serializers.BooleanField()
    drafter = serializers.BooleanField()


class DashboardSerializer(serializers.Serializer):
    roles = DashboardRolesSerializer()
    mentor = DashboardMentorSerializer()
    drafter = DashboardDrafterSerializer()
    unread_messages = serializers.IntegerField()


class EndorsementSerializer(serializers.Serializer):
    text = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())


class ShownWorkSerializer(serializers.Serializer):
    link = serializers.CharField()
    file_url = serializers.CharField(allow_null=True)
    file_name = serializers.CharField()
    note = serializers.CharField()


class ShowingSerializer(serializers.Serializer):
    """The showable-work clause as the public sees it today."""

    choice = serializers.ChoiceField(choices=["full", "case_study", "after", "private"])
    show_after = serializers.DateField(allow_null=True)
    effective = serializers.ChoiceField(
        choices=["full", "case_study", "private"],
        help_text="What is shown now: an `after` choice is `private` until its date.",
    )
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    label = serializers.CharField(help_text="The clause in plain words.")  # type: ignore[assignment]
    deliverable = ShownWorkSerializer(allow_null=True)
    case_study = serializers.CharField(allow_null=True)


class ExperienceEntrySerializer(serializers.Serializer):
    engagement_id = serializers.IntegerField()
    task_title = serializers.CharField()
    showing = ShowingSerializer()
    mentor = PersonSerializer()
    skills = serializers.ListField(child=serializers.CharField())
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    endorsement = EndorsementSerializer(allow_null=True)
    introduced_by = PersonSerializer(many=True)
    share_url = serializers.CharField()


class PublicThanksSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    task_title = serializers.CharField()
    sender = PersonSerializer()
    created_at = serializers.DateTimeField()


class OpenTaskLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class ProfileCircleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    skill_family = serializers.CharField()


class ExperienceSerializer(serializers.Serializer):
    verified_experience = ExperienceEntrySerializer(many=True)
    thanks = PublicThanksSerializer(many=True)
    helped_count = serializers.IntegerField()
    open_tasks = OpenTaskLinkSerializer(many=True)
    introductions_made = serializers.IntegerField()
    circles = ProfileCircleSerializer(many=True, help_text="Peer critique circles they are in.")
    critiques_given = serializers.IntegerField(help_text="Critiques given in peer circles.")
    pay_it_forward = serializers.IntegerField(
        allow_null=True,
        help_text="People a mentor's former drafters have since helped (null unless shown).",
    )


class PublicExperienceSerializer(serializers.Serializer):
    engagement_id = serializers.IntegerField()
    task_title = serializers.CharField()
    estimated_hours = serializers.IntegerField()
    showing = ShowingSerializer()
    mentor = PersonSerializer()
    drafter = PersonSerializer()
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    skills = serializers.ListField(child=serializers.CharField())
    endorsement = EndorsementSerializer(allow_null=True)
    linkedin_url = serializers.SerializerMethodField()

    def get_linkedin_url(self, experience: dict) -> str:
        """LinkedIn's "Add to profile" link for a certification-like entry."""
        completed = experience["completed_at"]
        params = {
            "startTask": "CERTIFICATION_NAME",
            "name": f"Verified draft: {experience['task_title']}"[:200],
            "organizationName": "Slipstream",
            "certUrl": f"{settings.SITE_URL}/experience/{experience['engagement_id']}/",
            "certId": f"slipstream-{experience['engagement_id']}",
        }
        if completed:
            params |= {"issueYear": completed.year, "issueMonth": completed.month}
        return f"https://www.linkedin.com/profile/add?{urlencode(params)}"
