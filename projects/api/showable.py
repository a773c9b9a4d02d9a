"""The showable-work clause after approval: the drafter proposes, the mentor confirms; the case
study is written by the drafter and approved by the mentor; public work goes to the portfolio.

Thin views: validate input, call one service, render the engagement (or the new item)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import PortfolioItemOutputSerializer
from accounts.api.viewer import authenticated_user
from marketplace.api.schema import ErrorSerializer
from projects.api import inputs
from projects.api.engagement_serializers import EngagementOutputSerializer
from projects.api.engagements import engagement_response
from projects.services.showable import (
    case_study_approve,
    case_study_submit,
    showable_confirm,
    showable_portfolio_add,
    showable_propose,
)

_ERRORS = {400: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class ShowableProposeView(APIView):
    """The drafter proposes what they may show; it applies once the mentor confirms."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_showable_propose",
        request=inputs.ShowableProposalInputSerializer,
        responses={200: EngagementOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.ShowableProposalInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        showable_propose(
            engagement_id=engagement_id, drafter=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id)


class ShowableConfirmView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_showable_confirm",
        request=None,
        responses={200: EngagementOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        showable_confirm(engagement_id=engagement_id, mentor=authenticated_user(request))
        return engagement_response(request, engagement_id)


class CaseStudySubmitView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_case_study_submit",
        request=inputs.CaseStudyInputSerializer,
        responses={200: EngagementOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.CaseStudyInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        case_study_submit(
            engagement_id=engagement_id, drafter=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id)


class CaseStudyApproveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_case_study_approve",
        request=None,
        responses={200: EngagementOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        case_study_approve(engagement_id=engagement_id, mentor=authenticated_user(request))
        return engagement_response(request, engagement_id)


class ShowablePortfolioAddView(APIView):
    """One click: the public work of a completed draft becomes a portfolio item."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_portfolio_add",
        request=None,
        responses={201: PortfolioItemOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        item = showable_portfolio_add(
            engagement_id=engagement_id, drafter=authenticated_user(request)
        )
        return Response(PortfolioItemOutputSerializer(item).data, status=status.HTTP_201_CREATED)
