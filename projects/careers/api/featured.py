"""GET/POST careers/featured-tasks/ and DELETE careers/featured-tasks/{id}/."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.schema import ErrorSerializer
from projects.careers.api import serializers as s
from projects.careers.api.base import CareersView
from projects.careers.api.pagination import SyncedPagination
from projects.careers.api.students import CURSOR, PAGE_SIZE, UPDATED_SINCE
from projects.careers.selectors.featured import (
    featured_task_shape,
    featured_tasks_for_institution,
)
from projects.careers.services.featured import featured_task_create, featured_task_end

# Featuring is for the office's admins: viewers get 403 `not_institution_admin`.
ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class FeaturedTaskListView(CareersView):
    """Tasks your office recommends to its students (they see a "featured" badge). Admins
    feature with POST (viewers: 403 `not_institution_admin`); viewers and keys read."""

    pagination_class = SyncedPagination

    @extend_schema(
        operation_id="careers_featured_tasks_list",
        parameters=[UPDATED_SINCE, CURSOR, PAGE_SIZE],
        responses=s.FeaturedTaskSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = featured_tasks_for_institution(
            access=self.access, updated_since=self.updated_since()
        )
        paginator = SyncedPagination()
        paginator.extra = {"synced_at": timezone.now()}
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response([featured_task_shape(row) for row in page])

    @extend_schema(
        operation_id="careers_featured_tasks_create",
        request=s.FeaturedTaskInputSerializer,
        responses={201: s.FeaturedTaskSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = s.FeaturedTaskInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        row = featured_task_create(access=self.access, **form.validated_data)
        return Response(featured_task_shape(row), status=status.HTTP_201_CREATED)


class FeaturedTaskDetailView(CareersView):
    """Stop featuring a task (admins). It shows as `active: false` in the next sync."""

    @extend_schema(
        operation_id="careers_featured_tasks_end",
        parameters=[
            OpenApiParameter(
                "featured_id", str, OpenApiParameter.PATH, description="The feature's id."
            )
        ],
        responses={204: None, **ERRORS},
    )
    def delete(self, request: Request, featured_id: int) -> Response:
        featured_task_end(access=self.access, featured_id=featured_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
