"""Matching endpoints: recommendations both ways and invitations. Thin views."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import avatar_url_for
from accounts.api.viewer import authenticated_user
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form
from marketplace.api.schema import ErrorSerializer
from projects.api.serializers import TaskCardSerializer, stipend_terms
from projects.matching.recommendations import (
    task_recommendations_for_user,
    task_recommended_drafters,
)
from projects.selectors.invitations import (
    invitation_list_for_drafter,
    invitation_list_for_mentor,
)
from projects.services.invitations import invitation_create, invitation_decline


class RecommendationOutput(TaskCardSerializer):
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    stretch = serializers.BooleanField(help_text="Only skills you are learning match.")


def _recommendation_json(row: dict[str, Any]) -> dict[str, Any]:
    """RecommendationOutput's JSON for a row, written out: the serializer pass over twenty
    cards of twenty-odd fields was a fifth of the read (tests/topology/test_read_contract.py
    and tests/matching/test_recommendation_output.py hold them equal)."""
    terms = stipend_terms(row["stipend_amount"])
    rate, hours = row["mentor_response_rate"], row["mentor_median_reply_hours"]
    return {
        "id": row["id"],
        "title": row["title"],
        "estimated_hours": row["estimated_hours"],
        "deadline": row["deadline"],
        "is_remote": bool(row["is_remote"]),
        "location": row["location"],
        "slots": row["slots"],
        "filled_slots": row["filled_slots"],
        "stipend_amount": row["stipend_amount"],
        "stipend_currency": row["stipend_currency"],
        "stipend_after_fee": terms["stipend_after_fee"],
        "platform_fee_percent": terms["platform_fee_percent"],
        "what_you_gain": row["what_you_gain"],
        "visibility": row["visibility"],
        "level": row["level"],
        "excerpt": row["excerpt"],
        "published_at": row["published_at"],
        "mentor_handle": row["mentor_handle"],
        "mentor_name": row["mentor_name"],
        "mentor_avatar_url": avatar_url_for(
            handle=row["mentor_handle"], avatar_name=row.get("mentor_avatar", "")
        ),
        "mentor_organisation": row["mentor_organisation"],
        "mentor_verified_work_domain": row["mentor_verified_work_domain"],
        "skills": [{"slug": skill["slug"], "name": skill["name"]} for skill in row["skills"]],
        "mentor_response_rate": None if rate is None else float(rate),
        "mentor_median_reply_hours": None if hours is None else int(hours),
        "score": float(row["score"]),
        "reasons": [str(reason) for reason in row["reasons"]],
        "stretch": bool(row["stretch"]),
    }


class RecommendedDrafterOutput(serializers.Serializer):
    handle = serializers.CharField()
    display_name = serializers.CharField()
    headline = serializers.CharField()
    weekly_hours = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    stretch = serializers.BooleanField()
    invited = serializers.BooleanField()


@page_form("invitation")
class InvitationInput(InputSerializer):
    drafter_handle = serializers.SlugField(max_length=40)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class InvitationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    task_id = serializers.IntegerField()
    task_title = serializers.CharField()
    task_state = serializers.CharField()
    mentor_handle = serializers.CharField()
    mentor_name = serializers.CharField()
    drafter_handle = serializers.CharField()
    drafter_name = serializers.CharField()
    note = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    state = serializers.CharField()
    application_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()


class RecommendationsView(APIView):
    """Open tasks I can apply to, best first, each with its reasons."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_recommendations", responses=RecommendationOutput(many=True))
    def get(self, request: Request) -> Response:
        rows = task_recommendations_for_user(user=authenticated_user(request))
        return Response([_recommendation_json(row) for row in rows])


class RecommendedDraftersView(APIView):
    """Discoverable drafters for my task, best first, with reasons (the task's mentor only:
    anyone else gets a 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="tasks_recommended_drafters", responses=RecommendedDrafterOutput(many=True)
    )
    def get(self, request: Request, task_id: int) -> Response:
        rows = task_recommended_drafters(task_id=task_id, mentor=authenticated_user(request))
        return Response(RecommendedDrafterOutput(rows, many=True).data)


class TaskInvitationsView(APIView):
    """Invite a discoverable drafter to apply to my task (the task's mentor only)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="tasks_invitations_create",
        request=InvitationInput,
        responses={201: InvitationOutput, 409: ErrorSerializer},
    )
    def post(self, request: Request, task_id: int) -> Response:
        data = InvitationInput(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = invitation_create(
            mentor=authenticated_user(request), task_id=task_id, **data.validated_data
        )
        [row] = invitation_list_for_drafter(drafter=invitation.drafter, invitation_id=invitation.pk)
        return Response(InvitationOutput(row).data, status=status.HTTP_201_CREATED)


class MyInvitationsQuery(InputSerializer):
    box = serializers.ChoiceField(
        choices=["received", "sent"],
        default="received",
        help_text="received: invitations to apply sent to me (as a drafter); sent: the ones I "
        "sent (as a mentor).",
    )


class MyInvitationsView(APIView):
    """My invitations to apply: received as a drafter, or sent as a mentor (?box=sent)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_invitations",
        parameters=[OpenApiParameter("box", enum=["received", "sent"], default="received")],
        responses={200: InvitationOutput(many=True), 400: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        query = MyInvitationsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = authenticated_user(request)
        if query.validated_data["box"] == "sent":
            rows = invitation_list_for_mentor(mentor=user)
        else:
            rows = invitation_list_for_drafter(drafter=user)
        return Response(InvitationOutput(rows, many=True).data)


class InvitationDeclineView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="invitations_decline",
        request=None,
        responses={200: InvitationOutput, 409: ErrorSerializer},
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        invitation = invitation_decline(
            invitation_id=invitation_id, drafter=authenticated_user(request)
        )
        [row] = invitation_list_for_drafter(
            drafter=authenticated_user(request), invitation_id=invitation.pk
        )
        return Response(InvitationOutput(row).data)
