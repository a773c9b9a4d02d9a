"""Thin API views: validate input, call one service or selector, render output."""

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.views import portfolio_file_response
from marketplace.api.pagination import CursorPagination
from projects import selectors, services
from projects.api import serializers as s
from projects.api.pagination import BrowsePagination, NotificationPagination

TASK_DATA_FIELDS = services.TASK_FIELDS


def _task_data(validated: dict[str, Any]) -> tuple[dict, list | None, list | None]:
    data = {k: v for k, v in validated.items() if k in TASK_DATA_FIELDS}
    return data, validated.get("skill_ids"), validated.get("institution_ids")


def _paginate(view: APIView, request: Request, queryset, serializer_class, **context) -> Response:
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(page, many=True, context={"viewer": request.user, **context}).data
    return paginator.get_paginated_response(data)


# --- Tasks ----------------------------------------------------------------------------------


_TASK_CARD_FIELDS = tuple(s.TaskCardSerializer().fields)


class TaskListView(APIView):
    """Browse and search open tasks (anyone); create a task (signed in)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = BrowsePagination

    @extend_schema(
        operation_id="tasks_browse",
        parameters=[s.BrowseQuerySerializer],
        responses=s.TaskCardSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        query = s.BrowseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queryset, ordering = selectors.task_list_for_browse(
            viewer=request.user, filters=query.validated_data
        )
        paginator = self.pagination_class()
        paginator.ordering = ordering
        page = paginator.paginate_queryset(queryset, request, view=self)
        rows = selectors.task_rows_attach_skills(rows=list(page))
        count, capped = selectors.task_count_capped(queryset=queryset)
        paginator.extra = {"count": count, "count_capped": capped}
        # The hot list: the selector's rows are already output-shaped, so they are trimmed to the
        # documented card fields and go straight to orjson (a serializer pass cost ~4 ms a page).
        cards = [{key: row[key] for key in _TASK_CARD_FIELDS if key in row} for row in rows]
        return paginator.get_paginated_response(cards)

    @extend_schema(
        operation_id="tasks_create",
        request=s.TaskInputSerializer,
        responses={201: s.TaskDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        form = s.TaskInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data, skill_ids, institution_ids = _task_data(form.validated_data)
        task = services.task_create(
            mentor=request.user,
            data=data,
            skill_ids=skill_ids or (),
            institution_ids=institution_ids or (),
        )
        task = selectors.task_get_for_mentor(task_id=task.pk, mentor=request.user)
        body = s.TaskDetailSerializer(task, context={"viewer": request.user}).data
        return Response(body, status=status.HTTP_201_CREATED)


class TaskDetailView(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(operation_id="tasks_retrieve", responses=s.TaskDetailSerializer)
    def get(self, request: Request, task_id: int) -> Response:
        task = selectors.task_get_for_viewer(task_id=task_id, viewer=request.user)
        return Response(s.TaskDetailSerializer(task, context={"viewer": request.user}).data)

    @extend_schema(
        operation_id="tasks_update",
        request=s.TaskInputSerializer(partial=True),
        responses=s.TaskDetailSerializer,
    )
    def patch(self, request: Request, task_id: int) -> Response:
        form = s.TaskInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data, skill_ids, institution_ids = _task_data(form.validated_data)
        services.task_update(
            task_id=task_id,
            mentor=request.user,
            data=data,
            skill_ids=skill_ids,
            institution_ids=institution_ids,
        )
        task = selectors.task_get_for_mentor(task_id=task_id, mentor=request.user)
        return Response(s.TaskDetailSerializer(task, context={"viewer": request.user}).data)

    @extend_schema(operation_id="tasks_delete", responses={204: None})
    def delete(self, request: Request, task_id: int) -> Response:
        services.task_delete(task_id=task_id, mentor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _task_action(service, name: str):
    class TaskActionView(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(operation_id=f"tasks_{name}", request=None, responses=s.TaskDetailSerializer)
        def post(self, request: Request, task_id: int) -> Response:
            service(task_id=task_id, mentor=request.user)
            task = selectors.task_get_for_mentor(task_id=task_id, mentor=request.user)
            return Response(s.TaskDetailSerializer(task, context={"viewer": request.user}).data)

    TaskActionView.__name__ = f"Task{name.title()}View"
    TaskActionView.__doc__ = service.__doc__
    return TaskActionView


TaskPublishView = _task_action(services.task_publish, "publish")
TaskCloseView = _task_action(services.task_close, "close")
TaskArchiveView = _task_action(services.task_archive, "archive")
TaskCancelView = _task_action(services.task_cancel, "cancel")


# --- Applications ----------------------------------------------------------------------------


class TaskApplicationsView(APIView):
    """Mentor: the applications to a task. Drafter: apply."""

    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination

    @extend_schema(
        operation_id="task_applications_list",
        parameters=[OpenApiParameter("state", str, required=False)],
        responses=s.ApplicationOutputSerializer(many=True),
    )
    def get(self, request: Request, task_id: int) -> Response:
        queryset = selectors.application_list_for_task(
            task_id=task_id, mentor=request.user, state=request.query_params.get("state", "")
        )
        return _paginate(self, request, queryset, s.ApplicationOutputSerializer)

    @extend_schema(
        operation_id="task_applications_create",
        request=s.ApplicationInputSerializer,
        responses={201: s.ApplicationOutputSerializer},
    )
    def post(self, request: Request, task_id: int) -> Response:
        form = s.ApplicationInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        application = services.application_create(
            task_id=task_id, drafter=request.user, **form.validated_data
        )
        application = selectors.application_get_for_participant(
            application_id=application.pk, user=request.user
        )
        return Response(
            s.ApplicationOutputSerializer(application).data, status=status.HTTP_201_CREATED
        )


class MyApplicationsView(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination

    @extend_schema(
        operation_id="me_applications", responses=s.ApplicationOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.application_list_for_drafter(drafter=request.user)
        return _paginate(self, request, queryset, s.ApplicationOutputSerializer)


class ApplicationDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="applications_retrieve", responses=s.ApplicationOutputSerializer)
    def get(self, request: Request, application_id: int) -> Response:
        application = selectors.application_get_for_participant(
            application_id=application_id, user=request.user
        )
        return Response(s.ApplicationOutputSerializer(application).data)


def _application_response(request: Request, application_id: int) -> Response:
    application = selectors.application_get_for_participant(
        application_id=application_id, user=request.user
    )
    return Response(s.ApplicationOutputSerializer(application).data)


class ApplicationShortlistView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_shortlist", request=None, responses=s.ApplicationOutputSerializer
    )
    def post(self, request: Request, application_id: int) -> Response:
        services.application_shortlist(application_id=application_id, mentor=request.user)
        return _application_response(request, application_id)


class ApplicationWithdrawView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_withdraw", request=None, responses=s.ApplicationOutputSerializer
    )
    def post(self, request: Request, application_id: int) -> Response:
        services.application_withdraw(application_id=application_id, drafter=request.user)
        return _application_response(request, application_id)


class ApplicationDeclineView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_decline",
        request=s.DeclineInputSerializer,
        responses=s.ApplicationOutputSerializer,
    )
    def post(self, request: Request, application_id: int) -> Response:
        form = s.DeclineInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_decline(
            application_id=application_id, mentor=request.user, note=form.validated_data["note"]
        )
        return _application_response(request, application_id)


class ApplicationAcceptView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_accept",
        request=None,
        responses={201: s.EngagementOutputSerializer},
    )
    def post(self, request: Request, application_id: int) -> Response:
        engagement = services.application_accept(application_id=application_id, mentor=request.user)
        return _engagement_response(request, engagement.pk, status.HTTP_201_CREATED)


# --- Engagements -----------------------------------------------------------------------------


def _engagement_response(request: Request, engagement_id: int, code: int = 200) -> Response:
    engagement = selectors.engagement_get_for_participant(
        engagement_id=engagement_id, user=request.user
    )
    feedback = selectors.feedback_visible_to(engagement=engagement, user=request.user)
    data = s.EngagementOutputSerializer(
        engagement, context={"viewer": request.user, "feedback": feedback}
    ).data
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
        queryset = selectors.engagement_list_for_user(
            user=request.user, role=request.query_params.get("role", "")
        )
        return _paginate(self, request, queryset, s.EngagementCardSerializer)


class EngagementDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="engagements_retrieve", responses=s.EngagementOutputSerializer)
    def get(self, request: Request, engagement_id: int) -> Response:
        return _engagement_response(request, engagement_id)


class EngagementDeliverView(APIView):
    permission_classes = [IsAuthenticated]
    # A file comes as multipart; a link-only delivery may also be plain JSON.
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(
        operation_id="engagements_deliver",
        request={
            "multipart/form-data": s.DeliverableInputSerializer,
            "application/json": s.DeliverableInputSerializer,
        },
        responses={201: s.EngagementOutputSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = s.DeliverableInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.engagement_deliver(
            engagement_id=engagement_id, drafter=request.user, **form.validated_data
        )
        return _engagement_response(request, engagement_id, status.HTTP_201_CREATED)


class EngagementRevisionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_request_revision",
        request=s.RevisionInputSerializer,
        responses=s.EngagementOutputSerializer,
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = s.RevisionInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.engagement_request_revision(
            engagement_id=engagement_id, mentor=request.user, **form.validated_data
        )
        return _engagement_response(request, engagement_id)


class EngagementApproveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_approve", request=None, responses=s.EngagementOutputSerializer
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        services.engagement_approve(engagement_id=engagement_id, mentor=request.user)
        return _engagement_response(request, engagement_id)


class EngagementCancelView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_cancel",
        request=s.CancelInputSerializer,
        responses=s.EngagementOutputSerializer,
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = s.CancelInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.engagement_cancel(
            engagement_id=engagement_id, user=request.user, **form.validated_data
        )
        return _engagement_response(request, engagement_id)


class EngagementFeedbackView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_feedback",
        request=s.FeedbackInputSerializer,
        responses={201: s.EngagementOutputSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = s.FeedbackInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.feedback_submit(
            engagement_id=engagement_id, author=request.user, **form.validated_data
        )
        return _engagement_response(request, engagement_id, status.HTTP_201_CREATED)


class EngagementThanksView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagements_thanks",
        request=s.ThanksInputSerializer,
        responses={201: s.EngagementOutputSerializer},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        form = s.ThanksInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.thanks_send(
            engagement_id=engagement_id, sender=request.user, **form.validated_data
        )
        return _engagement_response(request, engagement_id, status.HTTP_201_CREATED)


class ThanksShowView(APIView):
    """The receiver chooses whether a thank-you note appears on their public profile."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="thanks_set_shown",
        request=s.ThanksShowInputSerializer,
        responses=s.ThanksOutputSerializer,
    )
    def post(self, request: Request, thanks_id: int) -> Response:
        form = s.ThanksShowInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        note = services.thanks_set_shown(
            thanks_id=thanks_id,
            receiver=request.user,
            shown=form.validated_data["shown_on_profile"],
        )
        return Response(s.ThanksOutputSerializer(note).data)


class ApplicationPortfolioFileView(APIView):
    """A file from the portfolio items attached to an application: its mentor and drafter only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="applications_portfolio_file",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, application_id: int, item_id: int) -> FileResponse:
        item = selectors.application_portfolio_item_get(
            application_id=application_id, item_id=item_id, user=request.user
        )
        return portfolio_file_response(item)


class DeliverableFileView(APIView):
    """Download a delivered file: only the engagement's mentor and drafter may."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="deliverables_file",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, deliverable_id: int) -> FileResponse:
        deliverable = selectors.deliverable_get_for_participant(
            deliverable_id=deliverable_id, user=request.user
        )
        return FileResponse(
            deliverable.file.open("rb"),
            as_attachment=True,
            filename=deliverable.file_name or "deliverable",
        )


# --- Messages -------------------------------------------------------------------------------


class _ThreadView(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination
    thread_kwarg = ""

    def _thread(self, kwargs: dict) -> dict[str, int]:
        return {self.thread_kwarg: kwargs[self.thread_kwarg]}

    def get(self, request: Request, **kwargs: int) -> Response:
        thread = self._thread(kwargs)
        queryset = selectors.message_list_for_thread(user=request.user, **thread)
        response = _paginate(self, request, queryset, s.MessageOutputSerializer)
        # Reading the newest page marks what was sent to me as read.
        if not request.query_params.get("cursor"):
            services.messages_mark_read(user=request.user, **thread)
        return response

    def post(self, request: Request, **kwargs: int) -> Response:
        form = s.MessageInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        message = services.message_send(
            sender=request.user, body=form.validated_data["body"], **self._thread(kwargs)
        )
        data = s.MessageOutputSerializer(message, context={"viewer": request.user}).data
        return Response(data, status=status.HTTP_201_CREATED)


class ApplicationMessagesView(_ThreadView):
    """The conversation inside an application (only its mentor and drafter)."""

    thread_kwarg = "application_id"

    @extend_schema(
        operation_id="application_messages_list",
        responses=s.MessageOutputSerializer(many=True),
    )
    def get(self, request: Request, **kwargs: int) -> Response:
        return super().get(request, **kwargs)

    @extend_schema(
        operation_id="application_messages_create",
        request=s.MessageInputSerializer,
        responses={201: s.MessageOutputSerializer},
    )
    def post(self, request: Request, **kwargs: int) -> Response:
        return super().post(request, **kwargs)


class EngagementMessagesView(_ThreadView):
    """The conversation inside an engagement (only its mentor and drafter)."""

    thread_kwarg = "engagement_id"

    @extend_schema(
        operation_id="engagement_messages_list",
        responses=s.MessageOutputSerializer(many=True),
    )
    def get(self, request: Request, **kwargs: int) -> Response:
        return super().get(request, **kwargs)

    @extend_schema(
        operation_id="engagement_messages_create",
        request=s.MessageInputSerializer,
        responses={201: s.MessageOutputSerializer},
    )
    def post(self, request: Request, **kwargs: int) -> Response:
        return super().post(request, **kwargs)


# --- Introductions ----------------------------------------------------------------------------


class IntroductionCreateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="introductions_create",
        request=s.IntroductionInputSerializer,
        responses={201: s.IntroductionOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        form = s.IntroductionInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        introduction = services.introduction_create(introducer=request.user, **form.validated_data)
        return Response(
            s.IntroductionOutputSerializer(introduction).data, status=status.HTTP_201_CREATED
        )


def _introduction_answer(accept: bool, name: str):
    class IntroductionAnswerView(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            operation_id=f"introductions_{name}",
            request=None,
            responses=s.IntroductionOutputSerializer,
        )
        def post(self, request: Request, introduction_id: int) -> Response:
            introduction = services.introduction_respond(
                introduction_id=introduction_id, drafter=request.user, accept=accept
            )
            return Response(s.IntroductionOutputSerializer(introduction).data)

    IntroductionAnswerView.__name__ = f"Introduction{name.title()}View"
    return IntroductionAnswerView


IntroductionAcceptView = _introduction_answer(True, "accept")
IntroductionDeclineView = _introduction_answer(False, "decline")


# --- Me: dashboard, notifications -----------------------------------------------------------


class DashboardView(APIView):
    """The signed-in person's home: mentor and drafter sections, next steps."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_dashboard", responses=s.DashboardSerializer)
    def get(self, request: Request) -> Response:
        return Response(s.DashboardSerializer(selectors.dashboard_for_user(user=request.user)).data)


class RecommendationsView(APIView):
    """Open tasks that match the skills in my portfolio, each with its reasons."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_recommendations", responses=s.RecommendationSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        rows = selectors.task_recommendations_for_user(user=request.user)
        return Response(s.RecommendationSerializer(rows, many=True).data)


class NotificationListView(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = NotificationPagination

    @extend_schema(
        operation_id="me_notifications", responses=s.NotificationOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.notification_list_for_user(user=request.user), request, view=self
        )
        paginator.extra = {"unread_count": selectors.notification_unread_count(user=request.user)}
        return paginator.get_paginated_response(
            s.NotificationOutputSerializer(page, many=True).data
        )


class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_notifications_read",
        request=s.NotificationsReadInputSerializer,
        responses={200: {"type": "object", "properties": {"marked": {"type": "integer"}}}},
    )
    def post(self, request: Request) -> Response:
        form = s.NotificationsReadInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        marked = services.notifications_mark_read(user=request.user, **form.validated_data)
        return Response({"marked": marked})


# --- Public ---------------------------------------------------------------------------------


class ProfileExperienceView(APIView):
    """Verified experience, thanks shown by choice, and how many people a mentor helped."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="profiles_experience", responses=s.ExperienceSerializer)
    def get(self, request: Request, handle: str) -> Response:
        return Response(s.ExperienceSerializer(selectors.profile_experience(handle=handle)).data)
