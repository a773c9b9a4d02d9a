"""Output serializers: they render what selectors return, batch-loaded (no per-row queries),
and read the transition tables for each viewer's `allowed_actions`."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import PortfolioItem
from accounts.uploads import upload_kind_is_image
from projects.markdown import markdown_to_safe_html
from projects.models import Feedback, Task


class PersonSerializer(serializers.Serializer):
    handle = serializers.CharField()
    display_name = serializers.CharField()


class PersonFromUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    handle = serializers.CharField(source="profile.handle")
    display_name = serializers.CharField(source="profile.display_name")


class SkillOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False)
    slug = serializers.CharField()
    name = serializers.CharField()


class TaskCardSerializer(serializers.Serializer):
    """A browse row (a plain dict from task_list_for_browse)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    excerpt = serializers.CharField()
    estimated_hours = serializers.IntegerField()
    deadline = serializers.DateField(allow_null=True)
    is_remote = serializers.BooleanField()
    location = serializers.CharField()
    slots = serializers.IntegerField()
    filled_slots = serializers.IntegerField()
    stipend_amount = serializers.IntegerField(allow_null=True)
    stipend_currency = serializers.CharField()
    what_you_gain = serializers.CharField()
    visibility = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    mentor_handle = serializers.CharField()
    mentor_name = serializers.CharField()
    skills = SkillOutputSerializer(many=True)
    rank = serializers.FloatField(required=False)


class RecommendationSerializer(TaskCardSerializer):
    reasons = serializers.ListField(child=serializers.CharField())


class InstitutionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TaskDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    description_html = serializers.SerializerMethodField()
    skills = SkillOutputSerializer(many=True, source="skills.all")
    estimated_hours = serializers.IntegerField()
    deadline = serializers.DateField(allow_null=True)
    is_remote = serializers.BooleanField()
    location = serializers.CharField()
    slots = serializers.IntegerField()
    filled_slots = serializers.IntegerField()
    stipend_amount = serializers.IntegerField(allow_null=True)
    stipend_currency = serializers.CharField()
    what_you_gain = serializers.CharField()
    visibility = serializers.CharField()
    institutions = InstitutionOutputSerializer(many=True, source="institutions.all")
    questions = serializers.ListField(child=serializers.CharField())
    state = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    mentor = PersonFromUserSerializer()
    is_mine = serializers.SerializerMethodField()
    viewer_application_id = serializers.SerializerMethodField()

    def get_description_html(self, task: Task) -> str:
        return markdown_to_safe_html(task.description)

    def get_is_mine(self, task: Task) -> bool:
        viewer = self.context.get("viewer")
        return bool(viewer and viewer.is_authenticated and viewer.pk == task.mentor_id)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_viewer_application_id(self, task: Task) -> int | None:
        return getattr(task, "viewer_application_id", None)


class TaskSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.CharField()
    stipend_amount = serializers.IntegerField(allow_null=True)
    stipend_currency = serializers.CharField()


class ApplicationPortfolioFileSerializer(serializers.Serializer):
    url = serializers.CharField()
    name = serializers.CharField()
    is_image = serializers.BooleanField()


class ApplicationPortfolioItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    link = serializers.CharField()
    visibility = serializers.ChoiceField(choices=PortfolioItem.Visibility.choices)
    skills = SkillOutputSerializer(many=True, source="skills.all")
    file = serializers.SerializerMethodField()

    @extend_schema_field(ApplicationPortfolioFileSerializer(allow_null=True))
    def get_file(self, item: PortfolioItem) -> dict | None:
        # Served through the application, so "only with my applications" items open for its
        # mentor too; the parent serializer passes the application's id.
        if not item.file:
            return None
        application_id = self.context["application_id"]
        return {
            "url": f"/api/v1/applications/{application_id}/portfolio/{item.pk}/file/",
            "name": item.file_name or item.title,
            "is_image": upload_kind_is_image(item.file_kind),
        }


class DrafterSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    handle = serializers.CharField(source="profile.handle")
    display_name = serializers.CharField(source="profile.display_name")
    headline = serializers.CharField(source="profile.headline")


class ApplicationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    note = serializers.CharField()
    work_sample_link = serializers.CharField()
    answers = serializers.ListField(child=serializers.CharField())
    decline_note = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    task = TaskSummarySerializer()
    task_questions = serializers.ListField(child=serializers.CharField(), source="task.questions")
    mentor = PersonFromUserSerializer(source="task.mentor")
    drafter = DrafterSummarySerializer()
    portfolio_items = serializers.SerializerMethodField()
    engagement_id = serializers.SerializerMethodField()
    introduced_by = serializers.SerializerMethodField()

    @extend_schema_field(ApplicationPortfolioItemSerializer(many=True))
    def get_portfolio_items(self, application) -> list[dict]:
        items = application.portfolio_items.all()
        context = {**self.context, "application_id": application.pk}
        return ApplicationPortfolioItemSerializer(items, many=True, context=context).data

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_introduced_by(self, application) -> dict | None:
        handle = getattr(application, "introduced_by_handle", None)
        if not handle:
            return None
        return {"handle": handle, "display_name": application.introduced_by_name or ""}

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_engagement_id(self, application) -> int | None:
        if application.state != "accepted":
            return None
        engagement = getattr(application, "engagement", None)
        return engagement.pk if engagement else None


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
    my_role = serializers.SerializerMethodField()
    task_skills = SkillOutputSerializer(many=True, source="task.skills.all")
    deliverables = DeliverableOutputSerializer(many=True, source="deliverables.all")
    feedback = serializers.SerializerMethodField()
    thanks = ThanksOutputSerializer(many=True, source="thanks.all")
    competency_choices = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=["mentor", "drafter"]))
    def get_my_role(self, engagement) -> str:
        return "mentor" if self.context["viewer"].pk == engagement.mentor_id else "drafter"

    @extend_schema_field(FeedbackStateSerializer)
    def get_feedback(self, engagement) -> dict:
        return FeedbackStateSerializer(self.context["feedback"]).data

    @extend_schema_field(SkillOutputSerializer(many=True))
    def get_competency_choices(self, engagement) -> list[dict]:
        return [{"slug": value, "name": label} for value, label in Feedback.Competency.choices]


class MessageOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    sender = PersonFromUserSerializer()
    is_mine = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def get_is_mine(self, message) -> bool:
        return message.sender_id == self.context["viewer"].pk


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


class DashboardNextStepSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()


class DashboardMentorSerializer(serializers.Serializer):
    tasks = DashboardTaskSerializer(many=True)
    applications_to_review = DashboardApplicationSerializer(many=True)
    engagements = EngagementCardSerializer(many=True)


class DashboardDrafterSerializer(serializers.Serializer):
    applications = DashboardApplicationSerializer(many=True)
    engagements = EngagementCardSerializer(many=True)
    introductions = IntroductionOutputSerializer(many=True)
    next_steps = DashboardNextStepSerializer(many=True)


class DashboardSerializer(serializers.Serializer):
    mentor = DashboardMentorSerializer()
    drafter = DashboardDrafterSerializer()
    unread_messages = serializers.IntegerField()


class EndorsementSerializer(serializers.Serializer):
    text = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())


class ExperienceEntrySerializer(serializers.Serializer):
    engagement_id = serializers.IntegerField()
    task_title = serializers.CharField()
    mentor = PersonSerializer()
    skills = serializers.ListField(child=serializers.CharField())
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    endorsement = EndorsementSerializer(allow_null=True)
    introduced_by = PersonSerializer(many=True)


class PublicThanksSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    task_title = serializers.CharField()
    sender = PersonSerializer()
    created_at = serializers.DateTimeField()


class ExperienceSerializer(serializers.Serializer):
    verified_experience = ExperienceEntrySerializer(many=True)
    thanks = PublicThanksSerializer(many=True)
    helped_count = serializers.IntegerField()
