"""Saved searches, notification preferences and unsubscribe, nudges, report-back and profile
outcomes. Thin views: validate input, call one service or selector, render output."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.services.preferences import (
    notification_preferences_get,
    notification_preferences_update,
    unsubscribe_by_token,
)
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form
from marketplace.api.schema import ErrorSerializer
from projects.api.inputs import BrowseQuerySerializer
from projects.models import ReportBack
from projects.selectors.nudges import nudge_list_for_user
from projects.selectors.outcomes import profile_outcomes, report_back_list_for_participant
from projects.selectors.saved_searches import saved_search_list_for_user
from projects.services.nudges import SNOOZE_MAX_DAYS, nudge_snooze, nudge_turn_off
from projects.services.report_back import NOTE_MAX_LENGTH as REPORT_BACK_NOTE_MAX_LENGTH
from projects.services.report_back import report_back_create
from projects.services.saved_searches import saved_search_create, saved_search_delete


@page_form("saved_search")
class SavedSearchInput(InputSerializer):
    name = serializers.CharField(max_length=120)
    query = BrowseQuerySerializer()


class SavedSearchOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    query = serializers.DictField()
    created_at = serializers.DateTimeField()


class PreferencesSerializer(InputSerializer):
    saved_search_digest = serializers.BooleanField(required=False)
    recommendation_digest = serializers.BooleanField(required=False)
    recommendation_threshold = serializers.IntegerField(required=False, min_value=0, max_value=100)
    nudges = serializers.BooleanField(required=False)
    report_back_prompts = serializers.BooleanField(required=False)
    invitations = serializers.BooleanField(required=False)
    discoverable = serializers.BooleanField(
        required=False, help_text="Mentors may find you among recommended drafters and invite you."
    )


class NudgeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    label = serializers.CharField(source="get_kind_display")  # type: ignore[assignment]
    state = serializers.CharField()
    due_at = serializers.DateTimeField()
    snoozed_until = serializers.DateTimeField(allow_null=True)
    engagement_id = serializers.IntegerField(allow_null=True)


class SnoozeInput(InputSerializer):
    days = serializers.IntegerField(min_value=1, max_value=SNOOZE_MAX_DAYS)


@page_form("report_back")
class ReportBackInput(InputSerializer):
    outcomes = serializers.ListField(
        child=serializers.ChoiceField(choices=ReportBack.Outcome.choices), max_length=4
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=REPORT_BACK_NOTE_MAX_LENGTH, default=""
    )
    share_with_mentor = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The drafter lets the mentor see this report in their monthly impact letter.",
    )


class ReportBackOutput(serializers.Serializer):
    id = serializers.IntegerField()
    engagement_id = serializers.IntegerField()
    outcomes = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField()
    share_with_mentor = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class OutcomesOutput(serializers.Serializer):
    outcomes = serializers.DictField(child=serializers.IntegerField())
    lines = serializers.ListField(child=serializers.CharField())
    helped = serializers.IntegerField()
    introductions_made = serializers.IntegerField()


def _query_json(query: dict) -> dict:
    """Validated browse filters as JSON: dates as ISO strings, empty values left out."""
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in query.items()
        if value not in (None, "", [])
    }


class SavedSearchListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_saved_searches", responses=SavedSearchOutput(many=True))
    def get(self, request: Request) -> Response:
        searches = saved_search_list_for_user(user=authenticated_user(request))
        return Response(SavedSearchOutput(searches, many=True).data)

    @extend_schema(
        operation_id="me_saved_searches_create",
        request=SavedSearchInput,
        responses={201: SavedSearchOutput, 409: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = SavedSearchInput(data=request.data)
        data.is_valid(raise_exception=True)
        search = saved_search_create(
            user=authenticated_user(request),
            name=data.validated_data["name"],
            query=_query_json(data.validated_data["query"]),
        )
        return Response(SavedSearchOutput(search).data, status=status.HTTP_201_CREATED)


class SavedSearchDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_saved_searches_delete", responses={204: None})
    def delete(self, request: Request, saved_search_id: int) -> Response:
        saved_search_delete(saved_search_id=saved_search_id, user=authenticated_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PreferencesView(APIView):
    permission_classes = [IsAuthenticated]

    def _out(self, request: Request) -> dict:
        preferences = notification_preferences_get(user=authenticated_user(request))
        data = PreferencesSerializer(preferences).data
        data["discoverable"] = authenticated_user(request).profile.discoverable
        return data

    @extend_schema(operation_id="me_notification_preferences", responses=PreferencesSerializer)
    def get(self, request: Request) -> Response:
        return Response(self._out(request))

    @extend_schema(
        operation_id="me_notification_preferences_update",
        request=PreferencesSerializer,
        responses=PreferencesSerializer,
    )
    def patch(self, request: Request) -> Response:
        data = PreferencesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notification_preferences_update(user=authenticated_user(request), **data.validated_data)
        authenticated_user(request).profile.refresh_from_db(fields=["discoverable"])
        return Response(self._out(request))


class UnsubscribeView(APIView):
    """One-click unsubscribe from a digest e-mail's signed link (RFC 8058 posts to it). A
    tampered link is a 400 and changes nothing."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(operation_id="unsubscribe", request=None, responses={200: None})
    def post(self, request: Request, token: str) -> Response:
        _, topic = unsubscribe_by_token(token=token)
        return Response({"unsubscribed": topic})


class MyNudgesView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_nudges", responses=NudgeOutput(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            NudgeOutput(nudge_list_for_user(user=authenticated_user(request)), many=True).data
        )


class NudgeSnoozeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="nudges_snooze", request=SnoozeInput, responses=NudgeOutput)
    def post(self, request: Request, nudge_id: int) -> Response:
        data = SnoozeInput(data=request.data)
        data.is_valid(raise_exception=True)
        nudge = nudge_snooze(
            nudge_id=nudge_id, user=authenticated_user(request), **data.validated_data
        )
        return Response(NudgeOutput(nudge).data)


class NudgeTurnOffView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="nudges_turn_off", request=None, responses=NudgeOutput)
    def post(self, request: Request, nudge_id: int) -> Response:
        return Response(
            NudgeOutput(nudge_turn_off(nudge_id=nudge_id, user=authenticated_user(request))).data
        )


class ReportBackView(APIView):
    """What the completed draft led to (either side, once each)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_report_back_list", responses=ReportBackOutput(many=True)
    )
    def get(self, request: Request, engagement_id: int) -> Response:
        reports = report_back_list_for_participant(
            engagement_id=engagement_id, user=authenticated_user(request)
        )
        return Response(ReportBackOutput(reports, many=True).data)

    @extend_schema(
        operation_id="engagements_report_back",
        request=ReportBackInput,
        responses={201: ReportBackOutput, 409: ErrorSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        data = ReportBackInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = report_back_create(
            engagement_id=engagement_id, author=authenticated_user(request), **data.validated_data
        )
        return Response(ReportBackOutput(report).data, status=status.HTTP_201_CREATED)


class ProfileOutcomesView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="profiles_outcomes", responses=OutcomesOutput)
    def get(self, request: Request, handle: str) -> Response:
        return Response(OutcomesOutput(profile_outcomes(handle=handle)).data)
