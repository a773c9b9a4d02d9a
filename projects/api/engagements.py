"""Engagement endpoints: read, deliver, review, cancel, feedback, thanks, delivered files.

Thin views: validate input, call one service or selector, render output."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.uploads import stored_file_name, upload_kind_of_stored
from accounts.views import stored_file_response
from marketplace.api.pagination import CursorPagination
from projects.api import engagement_serializers as s
from projects.api import inputs
from projects.api.pagination import paginated_response
from projects.selectors.engagements import (
    engagement_get_for_participant,
    engagement_list_for_user,
    feedback_visible_to,
)
from projects.selectors.showable import deliverable_get_for_viewer, showable_in_portfolio
from projects.services.engagements import (
    engagement_approve,
    engagement_cancel,
    engagement_deliver,
    engagement_request_revision,
)
from projects.services.feedback import feedback_submit, thanks_send, thanks_set_shown


def engagement_response(request: Request, engagement_id: int, code: int = 200) -> Response:
    engagement = engagement_get_for_participant(
        engagement_id=engagement_id, user=authenticated_user(request)
    )
    context = {
        "viewer": request.user,
        "feedback": feedback_visible_to(engagement=engagement, user=authenticated_user(request)),
        # Whether "add to my portfolio" was done already (allowed_actions drops it then).
        "in_portfolio": showable_in_portfolio(
            engagement=engagement, user=authenticated_user(request)
        ),
    }
    data = s.EngagementOutputSerializer(engagement, context=context).data
    return Response(data, status=code)


class MyEngagementsView(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination

    @extend_schema(
        operation_id="me_engagements",
        parameters=[OpenApiParameter("role", str, enum=["mentor", "drafter"], required=False)],
        responses=s.EngagementCardSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        role = request.query_params.get("role", "")
        if role not in ("", "mentor", "drafter"):
            raise ValidationError({"role": ["Use mentor or drafter."]})
        queryset = engagement_list_for_user(user=authenticated_user(request), role=role)
        return paginated_response(self, request, queryset, s.EngagementCardSerializer)


class EngagementDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="engagements_retrieve", responses=s.EngagementOutputSerializer)
    def get(self, request: Request, engagement_id: int) -> Response:
        return engagement_response(request, engagement_id)


class EngagementDeliverView(APIView):
    permission_classes = [IsAuthenticated]
    # A file comes as multipart; a link-only delivery may also be plain JSON.
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(
        operation_id="engagements_deliver",
        request={
            "multipart/form-data": inputs.DeliverableInputSerializer,
            "application/json": inputs.DeliverableInputSerializer,
        },
        responses={201: s.EngagementOutputSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.DeliverableInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        engagement_deliver(
            engagement_id=engagement_id, drafter=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id, status.HTTP_201_CREATED)


class EngagementRevisionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_request_revision",
        request=inputs.RevisionInputSerializer,
        responses=s.EngagementOutputSerializer,
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.RevisionInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        engagement_request_revision(
            engagement_id=engagement_id, mentor=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id)


class EngagementApproveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_approve",
        request=inputs.ShowableInputSerializer,
        responses=s.EngagementOutputSerializer,
        description="Approve the delivered work and choose the showable-work clause: `full`, "
        "`case_study`, `after` with `show_after`, or `private` (the default: client work stays "
        "confidential unless the mentor says more).",
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.ShowableInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        engagement_approve(
            engagement_id=engagement_id, mentor=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id)


class EngagementCancelView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_cancel",
        request=inputs.CancelInputSerializer,
        responses=s.EngagementOutputSerializer,
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.CancelInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        engagement_cancel(
            engagement_id=engagement_id, user=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id)


class EngagementFeedbackView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_feedback",
        request=inputs.FeedbackInputSerializer,
        responses={201: s.EngagementOutputSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.FeedbackInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        feedback_submit(
            engagement_id=engagement_id, author=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id, status.HTTP_201_CREATED)


class EngagementThanksView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_thanks",
        request=inputs.ThanksInputSerializer,
        responses={201: s.EngagementOutputSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = inputs.ThanksInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        thanks_send(
            engagement_id=engagement_id, sender=authenticated_user(request), **form.validated_data
        )
        return engagement_response(request, engagement_id, status.HTTP_201_CREATED)


class ThanksShowView(APIView):
    """The receiver chooses whether a thank-you note appears on their public profile."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="thanks_set_shown",
        request=inputs.ThanksShowInputSerializer,
        responses=s.ThanksOutputSerializer,
    )
    def post(self, request: Request, thanks_id: int) -> Response:
        form = inputs.ThanksShowInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        note = thanks_set_shown(
            thanks_id=thanks_id,
            receiver=authenticated_user(request),
            shown=form.validated_data["shown_on_profile"],
        )
        return Response(s.ThanksOutputSerializer(note).data)


class DeliverableFileView(APIView):
    """Download a delivered file: the engagement's mentor and drafter always; anyone else only
    while the showable-work clause makes the approved work public (checked at each request)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="deliverables_file",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, deliverable_id: int) -> FileResponse:
        deliverable = deliverable_get_for_viewer(deliverable_id=deliverable_id, user=request.user)
        name = stored_file_name(deliverable.file)
        kind = upload_kind_of_stored(name)
        return stored_file_response(
            name=name,
            kind_name=kind.name if kind else "",
            filename=deliverable.file_name or "deliverable",
        )
