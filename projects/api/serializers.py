"""Output serializers: they render what selectors return, batch-loaded (no per-row queries),
and read the transition tables for each viewer's `allowed_actions`."""

from typing import Any, cast

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import avatar_url_for
from accounts.models import PortfolioItem
from accounts.text import markdown_to_safe_html
from accounts.uploads import upload_kind_is_image
from projects.models import Application, Task
from projects.selectors.mentors import mentor_trust_card
from projects.services.applications import AUTOMATIC_DECLINE_NOTES
from projects.stipends.services.ledger import stipend_after_fee
from projects.transitions import (
    APPLICATION_TRANSITIONS,
    ENGAGEMENT_TRANSITIONS,
    SYSTEM,
    TASK_TRANSITIONS,
    application_actions_for,
    task_actions_for,
)


def _personal_actions(table: dict) -> list[str]:
    """The actions a person can be offered (the system's own transitions are never shown)."""
    return [name for name, transition in table.items() if transition.actors - {SYSTEM}]


TASK_ACTIONS = _personal_actions(TASK_TRANSITIONS)


APPLICATION_ACTIONS = _personal_actions(APPLICATION_TRANSITIONS)


ENGAGEMENT_ACTIONS = _personal_actions(ENGAGEMENT_TRANSITIONS)


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


def stipend_terms(stipend_amount: int | None) -> dict[str, Any]:
    """What a paid task's drafter receives, by the payout's own arithmetic: pages quote it
    ("you receive $135 after the 10% platform fee") and never compute a fee themselves."""
    if not stipend_amount:
        return {"stipend_after_fee": None, "platform_fee_percent": None}
    return {
        "stipend_after_fee": stipend_after_fee(stipend_amount),
        "platform_fee_percent": float(settings.PLATFORM_FEE_PERCENT),
    }


class _TaskTermsSerializer(serializers.Serializer):
    """What a task asks and offers: the fields its card and its page share."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    estimated_hours = serializers.IntegerField()
    deadline = serializers.DateField(allow_null=True)
    is_remote = serializers.BooleanField()
    location = serializers.CharField()
    slots = serializers.IntegerField()
    filled_slots = serializers.IntegerField()
    stipend_amount = serializers.IntegerField(allow_null=True)
    stipend_currency = serializers.CharField()
    stipend_after_fee = serializers.SerializerMethodField(
        help_text="Minor units: what the drafter receives after the platform fee (paid tasks)."
    )
    platform_fee_percent = serializers.SerializerMethodField(
        help_text="The platform fee taken from a paid task's stipend, in percent."
    )
    what_you_gain = serializers.CharField()
    visibility = serializers.CharField()
    level = serializers.ChoiceField(choices=Task.Level.choices)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_stipend_after_fee(self, task: Any) -> int | None:
        return stipend_terms(_stipend_of(task))["stipend_after_fee"]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_platform_fee_percent(self, task: Any) -> float | None:
        return stipend_terms(_stipend_of(task))["platform_fee_percent"]


def _stipend_of(task: Any) -> int | None:
    # Cards render selector rows (dicts); the task page renders a Task.
    return task.get("stipend_amount") if isinstance(task, dict) else task.stipend_amount


class TaskCardSerializer(_TaskTermsSerializer):
    """A browse row (a plain dict from task_list_for_browse)."""

    excerpt = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    mentor_handle = serializers.CharField()
    mentor_name = serializers.CharField()
    mentor_avatar_url = serializers.SerializerMethodField()
    mentor_organisation = serializers.CharField()
    mentor_verified_work_domain = serializers.CharField(
        help_text='The mentor\'s confirmed work domain, for "verified at acme.com" ("" if none).'
    )
    skills = SkillOutputSerializer(many=True)
    rank = serializers.FloatField(required=False)
    # The mentor's response rate (0…1) and median reply time; null until there are enough
    # applications to say (projects/selectors/response_rates.py).
    mentor_response_rate = serializers.FloatField(allow_null=True)
    mentor_median_reply_hours = serializers.IntegerField(allow_null=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_mentor_avatar_url(self, row: dict) -> str | None:
        return avatar_url_for(handle=row["mentor_handle"], avatar_name=row.get("mentor_avatar", ""))


class MentorCardSerializer(serializers.Serializer):
    """Who posted a task, and whether drafts with them get done (selectors/mentors.py)."""

    handle = serializers.CharField()
    display_name = serializers.CharField()
    avatar_url = serializers.SerializerMethodField()
    organisation = serializers.CharField()
    job_title = serializers.CharField()
    verified_work_domain = serializers.CharField(
        help_text='The mentor\'s confirmed work domain, for "verified at acme.com" ("" if none).'
    )
    drafts_completed = serializers.IntegerField()
    people_helped = serializers.IntegerField()
    reply_hours = serializers.IntegerField(allow_null=True)
    response_rate = serializers.FloatField(allow_null=True)
    median_reply_hours = serializers.IntegerField(allow_null=True)
    member_since = serializers.DateField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_avatar_url(self, card: dict) -> str | None:
        return avatar_url_for(handle=card["handle"], avatar_name=card["avatar"])


class RecommendationSerializer(TaskCardSerializer):
    reasons = serializers.ListField(child=serializers.CharField())


class InstitutionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TaskDetailSerializer(_TaskTermsSerializer):
    description = serializers.CharField()
    description_html = serializers.SerializerMethodField()
    skills = SkillOutputSerializer(many=True, source="skills.all")
    institutions = InstitutionOutputSerializer(many=True, source="institutions.all")
    questions = serializers.ListField(child=serializers.CharField())
    state = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    mentor = PersonFromUserSerializer()
    mentor_card = serializers.SerializerMethodField()
    applicant_count = serializers.IntegerField()
    is_mine = serializers.SerializerMethodField()
    viewer_application_id = serializers.SerializerMethodField()
    viewer_role = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=["mentor", "drafter", "visitor"]))
    def get_viewer_role(self, task: Task) -> str:
        return task_actions_for(task, viewer=self.context.get("viewer"))[0]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(TASK_ACTIONS)))
    def get_allowed_actions(self, task: Task) -> list[str]:
        return task_actions_for(task, viewer=self.context.get("viewer"))[1]

    def get_description_html(self, task: Task) -> str:
        return markdown_to_safe_html(task.description, document=True)

    @extend_schema_field(MentorCardSerializer)
    def get_mentor_card(self, task: Task) -> dict:
        return MentorCardSerializer(mentor_trust_card(mentor=task.mentor)).data

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
    decline_automatic = serializers.SerializerMethodField(
        help_text="Declined by Slipstream itself (the task filled up or ended), not by a person."
    )
    decline_reason = serializers.ChoiceField(
        choices=[("", "None"), *Application.DeclineReason.choices]
    )
    closed_automatically = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    task = TaskSummarySerializer()
    task_questions = serializers.ListField(child=serializers.CharField(), source="task.questions")
    mentor = PersonFromUserSerializer(source="task.mentor")
    drafter = DrafterSummarySerializer()
    portfolio_items = serializers.SerializerMethodField()
    engagement_id = serializers.SerializerMethodField()
    introduced_by = serializers.SerializerMethodField()
    viewer_role = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    def get_decline_automatic(self, application: Any) -> bool:
        return application.decline_note in AUTOMATIC_DECLINE_NOTES

    @extend_schema_field(serializers.ChoiceField(choices=["mentor", "drafter"]))
    def get_viewer_role(self, application) -> str:
        return application_actions_for(application, viewer=self.context.get("viewer"))[0]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(APPLICATION_ACTIONS)))
    def get_allowed_actions(self, application) -> list[str]:
        return application_actions_for(application, viewer=self.context.get("viewer"))[1]

    @extend_schema_field(ApplicationPortfolioItemSerializer(many=True))
    def get_portfolio_items(self, application) -> list[dict]:
        items = application.portfolio_items.all()
        context = {**self.context, "application_id": application.pk}
        # many=True: a list (the stub types every serializer's data as a dict)
        data = ApplicationPortfolioItemSerializer(items, many=True, context=context).data
        return cast(list[dict], data)

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_introduced_by(self, application) -> dict | None:
        handle = getattr(application, "introduced_by_handle", None)
        if not handle:
            return None
        return {"handle": handle, "display_name": application.introduced_by_name or ""}

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_engagement_id(self, application) -> int | None:
        if application.state != Application.State.ACCEPTED:
            return None
        engagement = getattr(application, "engagement", None)
        return engagement.pk if engagement else None


class ApplicationAlternativeSerializer(serializers.Serializer):
    """One of the three tasks that fit, shown to a drafter whose application closed
    automatically (still open and visible to them when read)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    estimated_hours = serializers.IntegerField()
    level = serializers.ChoiceField(choices=Task.Level.choices)
    stipend_amount = serializers.IntegerField(allow_null=True)
    stipend_currency = serializers.CharField()


class ApplicationDetailSerializer(ApplicationOutputSerializer):
    """One application, with the alternatives of an automatic close (the drafter's only)."""

    alternatives = serializers.SerializerMethodField()

    @extend_schema_field(ApplicationAlternativeSerializer(many=True))
    def get_alternatives(self, application) -> list[dict]:
        return self.context.get("alternatives", [])
