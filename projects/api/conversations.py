"""Message threads of applications and engagements.

Thin views: validate input, call one service or selector, render output."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.pagination import CursorPagination
from projects.api import conversation_serializers as cs
from projects.api import inputs
from projects.api.pagination import paginated_response
from projects.selectors.conversations import message_list_for_thread, thread_list_for_user
from projects.services.conversations import message_send, messages_mark_read


class _ThreadView(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination
    thread_kwarg = ""

    def _thread(self, kwargs: dict) -> dict[str, int]:
        return {self.thread_kwarg: kwargs[self.thread_kwarg]}

    def get(self, request: Request, **kwargs: int) -> Response:
        thread = self._thread(kwargs)
        queryset = message_list_for_thread(user=authenticated_user(request), **thread)
        response = paginated_response(self, request, queryset, cs.MessageOutputSerializer)
        # Reading the newest page marks what was sent to me as read.
        if not request.query_params.get("cursor"):
            messages_mark_read(user=authenticated_user(request), **thread)
        return response

    def post(self, request: Request, **kwargs: int) -> Response:
        form = inputs.MessageInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        message = message_send(
            sender=authenticated_user(request),
            body=form.validated_data["body"],
            **self._thread(kwargs),
        )
        data = cs.MessageOutputSerializer(message, context={"viewer": request.user}).data
        return Response(data, status=status.HTTP_201_CREATED)


class ApplicationMessagesView(_ThreadView):
    """The conversation inside an application (only its mentor and drafter)."""

    thread_kwarg = "application_id"

    @extend_schema(
        operation_id="application_messages_list",
        responses=cs.MessageOutputSerializer(many=True),
    )
    def get(self, request: Request, **kwargs: int) -> Response:
        return super().get(request, **kwargs)

    @extend_schema(
        operation_id="application_messages_create",
        request=inputs.MessageInputSerializer,
        responses={201: cs.MessageOutputSerializer},
    )
    def post(self, request: Request, **kwargs: int) -> Response:
        return super().post(request, **kwargs)


class EngagementMessagesView(_ThreadView):
    """The conversation inside an engagement (only its mentor and drafter)."""

    thread_kwarg = "engagement_id"

    @extend_schema(
        operation_id="engagement_messages_list",
        responses=cs.MessageOutputSerializer(many=True),
    )
    def get(self, request: Request, **kwargs: int) -> Response:
        return super().get(request, **kwargs)

    @extend_schema(
        operation_id="engagement_messages_create",
        request=inputs.MessageInputSerializer,
        responses={201: cs.MessageOutputSerializer},
    )
    def post(self, request: Request, **kwargs: int) -> Response:
        return super().post(request, **kwargs)


class MyThreadsView(APIView):
    """The messages inbox: every thread the person writes in, with unread counts."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_threads", responses=cs.ThreadListSerializer)
    def get(self, request: Request) -> Response:
        return Response(
            cs.ThreadListSerializer(thread_list_for_user(user=authenticated_user(request))).data
        )
