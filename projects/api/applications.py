"""Application endpoints: apply (see tasks.py), read, and the application's transitions.

Thin views: validate input, call one service or selector, render output."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.views import portfolio_file_response
from marketplace.api.pagination import CursorPagination
from projects.api import inputs
from projects.api import serializers as s
from projects.api.engagement_serializers import EngagementOutputSerializer
from projects.api.engagements import engagement_response
from projects.api.pagination import paginated_response
from projects.selectors.applications import (
    application_get_for_participant,
    application_list_for_drafter,
    application_portfolio_item_get,
)
from projects.selectors.closure import application_alternatives_for
from projects.services.applications import (
    application_accept,
    application_decline,
    application_shortlist,
    application_withdraw,
)
from projects.services.closure import application_decline_with_reason


class MyApplicationsView(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination

    @extend_schema(
        operation_id="me_applications", responses=s.ApplicationOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        queryset = application_list_for_drafter(drafter=authenticated_user(request))
        return paginated_response(self, request, queryset, s.ApplicationOutputSerializer)


class ApplicationDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="applications_retrieve", responses=s.ApplicationDetailSerializer)
    def get(self, request: Request, application_id: int) -> Response:
        application = application_get_for_participant(
            application_id=application_id, user=authenticated_user(request)
        )
        alternatives = application_alternatives_for(
            application=application, viewer=authenticated_user(request)
        )
        context = {"viewer": request.user, "alternatives": alternatives}
        return Response(s.ApplicationDetailSerializer(application, context=context).data)


def _application_response(request: Request, application_id: int) -> Response:
    application = application_get_for_participant(
        application_id=application_id, user=authenticated_user(request)
    )
    return Response(
        s.ApplicationOutputSerializer(application, context={"viewer": request.user}).data
    )


class ApplicationShortlistView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_shortlist", request=None, responses=s.ApplicationOutputSerializer
    )
    def post(self, request: Request, application_id: int) -> Response:
        application_shortlist(application_id=application_id, mentor=authenticated_user(request))
        return _application_response(request, application_id)


class ApplicationWithdrawView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_withdraw", request=None, responses=s.ApplicationOutputSerializer
    )
    def post(self, request: Request, application_id: int) -> Response:
        application_withdraw(application_id=application_id, drafter=authenticated_user(request))
        return _application_response(request, application_id)


class ApplicationDeclineView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_decline",
        request=inputs.DeclineInputSerializer,
        responses=s.ApplicationOutputSerializer,
    )
    def post(self, request: Request, application_id: int) -> Response:
        form = inputs.DeclineInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        note, reason = form.validated_data["note"], form.validated_data.get("reason")
        if reason:  # a one-click reason from the short list (the day-7 reminder's links)
            application_decline_with_reason(
                application_id=application_id,
                mentor=authenticated_user(request),
                reason=reason,
                note=note,
            )
        else:
            application_decline(
                application_id=application_id, mentor=authenticated_user(request), note=note
            )
        return _application_response(request, application_id)


class ApplicationAcceptView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_accept",
        request=None,
        responses={201: EngagementOutputSerializer},
    )
    def post(self, request: Request, application_id: int) -> Response:
        engagement = application_accept(
            application_id=application_id, mentor=authenticated_user(request)
        )
        return engagement_response(request, engagement.pk, status.HTTP_201_CREATED)


class ApplicationPortfolioFileView(APIView):
    """A file from the portfolio items attached to an application: its mentor and drafter only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_portfolio_file",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, application_id: int, item_id: int) -> FileResponse:
        item = application_portfolio_item_get(
            application_id=application_id, item_id=item_id, user=authenticated_user(request)
        )
        return portfolio_file_response(item)
