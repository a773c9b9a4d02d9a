"""Task endpoints: browse and search, create, read, edit, and the task's transitions.

Thin views: validate input, call one service or selector, render output."""

from functools import lru_cache
from typing import Any

from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import avatar_url_for
from accounts.api.viewer import authenticated_user
from marketplace.api.caching import PublicReadCaching
from marketplace.api.negotiation import RememberedContentNegotiation
from marketplace.api.throttling import WriteScopedRateThrottle
from projects.api import inputs
from projects.api import serializers as s
from projects.api.outputs import application_rows_output, task_detail_output
from projects.api.pagination import BrowsePagination, StatementCursorPagination
from projects.selectors.application_rows import application_page_for_task, application_task_row
from projects.selectors.applications import application_get_for_participant
from projects.selectors.browse import BrowseQuery, browse_position_value
from projects.selectors.tasks import (
    BrowseFilters,
    task_count_capped,
    task_get_for_mentor,
    task_get_for_viewer,
)
from projects.services.applications import (
    application_create,
)
from projects.services.tasks import (
    TASK_FIELDS,
    task_archive,
    task_cancel,
    task_close,
    task_create,
    task_delete,
    task_publish,
    task_update,
)

TASK_DATA_FIELDS = TASK_FIELDS


def _task_data(validated: dict[str, Any]) -> tuple[dict, list | None, list | None]:
    data = {k: v for k, v in validated.items() if k in TASK_DATA_FIELDS}
    return data, validated.get("skill_ids"), validated.get("institution_ids")


_TASK_CARD_FIELDS = tuple(s.TaskCardSerializer().fields)
_BROWSE_PARAMETERS = tuple(inputs.BrowseQuerySerializer().fields)


def _browse_filters(params: QueryDict) -> BrowseFilters:
    """BrowseQuerySerializer's validated filters, remembered per distinct query (validation is
    a pure function of the parameters): building the serializer's fields cost a tenth of a
    browse request, and most requests repeat a few queries (the first page, a shared link)."""
    key = tuple(
        (name, tuple(params.getlist(name))) for name in _BROWSE_PARAMETERS if name in params
    )
    return _browse_filters_validated(key).copy()


@lru_cache(maxsize=512)
def _browse_filters_validated(key: tuple[tuple[str, tuple[str, ...]], ...]) -> BrowseFilters:
    data = QueryDict(mutable=True)
    for name, values in key:
        data.setlist(name, list(values))
    query = inputs.BrowseQuerySerializer(data=data)
    query.is_valid(raise_exception=True)  # a refusal is raised, never remembered
    return query.validated_data


class TaskListView(PublicReadCaching, APIView):
    """Browse and search open tasks (anyone); create a task (signed in). Anonymous browsing is
    publicly cacheable with an ETag; a signed-in viewer's list is private."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    content_negotiation_class = RememberedContentNegotiation
    pagination_class = BrowsePagination
    throttle_classes = [*APIView.throttle_classes, WriteScopedRateThrottle]
    throttle_scope = "task_create"

    @extend_schema(
        operation_id="tasks_browse",
        parameters=[inputs.BrowseQuerySerializer],
        responses=s.TaskCardSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        filters = _browse_filters(request.query_params)
        # The page comes from a statement built once per filter shape, paged by the cursor's
        # keyset (projects/selectors/browse.py): compiling the queryset cost more than its SQL.
        browse = BrowseQuery(viewer=request.user, filters=filters)
        paginator = self.pagination_class()
        page = paginator.paginate_statement(
            request,
            ordering=browse.ordering,
            prepare=lambda position: browse_position_value(
                ordering=browse.ordering, position=position
            ),
            fetch=browse.fetch,
        )
        count, capped = task_count_capped(filters=filters, viewer=request.user)
        paginator.extra = {"count": count, "count_capped": capped}
        # The hot list: the rows are already output-shaped (skills as the database's JSON), so
        # they are trimmed to the documented card fields and go straight to orjson.
        cards = [
            {
                **{key: row[key] for key in _TASK_CARD_FIELDS if key in row},
                **s.stipend_terms(row["stipend_amount"]),
                "mentor_avatar_url": avatar_url_for(
                    handle=row["mentor_handle"], avatar_name=row["mentor_avatar"]
                ),
            }
            for row in page
        ]
        return paginator.get_paginated_response(cards)

    @extend_schema(
        operation_id="tasks_create",
        request=inputs.TaskInputSerializer,
        responses={201: s.TaskDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        form = inputs.TaskInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data, skill_ids, institution_ids = _task_data(form.validated_data)
        task = task_create(
            mentor=authenticated_user(request),
            data=data,
            skill_ids=skill_ids or (),
            institution_ids=institution_ids or (),
        )
        task = task_get_for_mentor(task_id=task.pk, mentor=authenticated_user(request))
        body = s.TaskDetailSerializer(task, context={"viewer": request.user}).data
        return Response(body, status=status.HTTP_201_CREATED)


class TaskDetailView(PublicReadCaching, APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    content_negotiation_class = RememberedContentNegotiation

    @extend_schema(operation_id="tasks_retrieve", responses=s.TaskDetailSerializer)
    def get(self, request: Request, task_id: int) -> Response:
        task = task_get_for_viewer(task_id=task_id, viewer=request.user)
        return Response(task_detail_output(task, viewer=request.user))

    @extend_schema(
        operation_id="tasks_update",
        request=inputs.TaskInputSerializer(partial=True),
        responses=s.TaskDetailSerializer,
    )
    def patch(self, request: Request, task_id: int) -> Response:
        form = inputs.TaskInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data, skill_ids, institution_ids = _task_data(form.validated_data)
        task_update(
            task_id=task_id,
            mentor=authenticated_user(request),
            data=data,
            skill_ids=skill_ids,
            institution_ids=institution_ids,
        )
        task = task_get_for_mentor(task_id=task_id, mentor=authenticated_user(request))
        return Response(s.TaskDetailSerializer(task, context={"viewer": request.user}).data)

    @extend_schema(operation_id="tasks_delete", responses={204: None})
    def delete(self, request: Request, task_id: int) -> Response:
        task_delete(task_id=task_id, mentor=authenticated_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _task_action(service, name: str):
    class TaskActionView(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(operation_id=f"tasks_{name}", request=None, responses=s.TaskDetailSerializer)
        def post(self, request: Request, task_id: int) -> Response:
            service(task_id=task_id, mentor=request.user)
            task = task_get_for_mentor(task_id=task_id, mentor=authenticated_user(request))
            return Response(s.TaskDetailSerializer(task, context={"viewer": request.user}).data)

    TaskActionView.__name__ = f"Task{name.title()}View"
    TaskActionView.__doc__ = service.__doc__
    return TaskActionView


TaskPublishView = _task_action(task_publish, "publish")


TaskCloseView = _task_action(task_close, "close")


TaskArchiveView = _task_action(task_archive, "archive")


TaskCancelView = _task_action(task_cancel, "cancel")


class TaskApplicationsView(APIView):
    """Mentor: the applications to a task. Drafter: apply."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*APIView.throttle_classes, WriteScopedRateThrottle]
    throttle_scope = "applications"
    pagination_class = StatementCursorPagination

    @extend_schema(
        operation_id="task_applications_list",
        parameters=[OpenApiParameter("state", str, required=False)],
        responses=s.ApplicationOutputSerializer(many=True),
    )
    def get(self, request: Request, task_id: int) -> Response:
        task = application_task_row(task_id=task_id, mentor=authenticated_user(request))
        state = request.query_params.get("state", "")
        paginator = self.pagination_class()
        page = paginator.paginate_statement(
            request,
            ordering=("-id",),
            prepare=int,
            fetch=lambda **page: application_page_for_task(task_id=task["id"], state=state, **page),
        )
        return paginator.get_paginated_response(
            application_rows_output(task=task, rows=page, viewer=request.user)
        )

    @extend_schema(
        operation_id="task_applications_create",
        request=inputs.ApplicationInputSerializer,
        responses={201: s.ApplicationOutputSerializer},
    )
    def post(self, request: Request, task_id: int) -> Response:
        form = inputs.ApplicationInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        application = application_create(
            task_id=task_id, drafter=authenticated_user(request), **form.validated_data
        )
        application = application_get_for_participant(
            application_id=application.pk, user=authenticated_user(request)
        )
        return Response(
            s.ApplicationOutputSerializer(application, context={"viewer": request.user}).data,
            status=status.HTTP_201_CREATED,
        )
