"""GET /api/v1/me/disclosures/: a student sees which institutions saw their data, when, how."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from projects.careers.api.pagination import NewestFirstPagination
from projects.careers.selectors.disclosures import (
    disclosures_for_student,
    disclosures_shape_for_student,
)
from projects.careers.selectors.featured import featured_badges_for_student


class MyDisclosuresView(APIView):
    """Which institutions saw your data, when, through what and which fields; newest first."""

    permission_classes = [IsAuthenticated]
    pagination_class = NewestFirstPagination

    @extend_schema(
        operation_id="me_disclosures_list",
        responses=inline_serializer(
            "MyDisclosure",
            {
                "id": serializers.IntegerField(),
                "at": serializers.DateTimeField(),
                "institution": serializers.CharField(),
                "by": serializers.DictField(),
                "endpoint": serializers.CharField(),
                "fields": serializers.ListField(
                    child=serializers.CharField(),
                    help_text="The fields that reached the office about you: only those your "
                    "consent at that moment covered.",
                ),
                "kind": serializers.ChoiceField(
                    choices=["read", "aggregate"],
                    help_text="`aggregate`: you were only counted in anonymous totals.",
                ),
                "description": serializers.CharField(
                    help_text="What was read, in plain words: “Riverbend University's career "
                    "office read your participation (engagements, ratings)”."
                ),
            },
            many=True,
        ),
    )
    def get(self, request: Request) -> Response:
        student = authenticated_user(request)
        paginator = NewestFirstPagination()
        page = paginator.paginate_queryset(
            disclosures_for_student(student=student), request, view=self
        )
        return paginator.get_paginated_response(
            disclosures_shape_for_student(student=student, rows=page)
        )


class MyFeaturedTasksView(APIView):
    """Tasks your career office features for you: the "Featured by your career office" badge
    on task cards ({task id: [institution names]})."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_featured_tasks",
        responses=inline_serializer(
            "MyFeaturedTasks",
            {
                "featured": serializers.DictField(
                    child=serializers.ListField(child=serializers.CharField()),
                    help_text="Task id -> names of your institutions featuring it.",
                )
            },
        ),
    )
    def get(self, request: Request) -> Response:
        badges = featured_badges_for_student(viewer=authenticated_user(request))
        return Response({"featured": {str(k): v for k, v in badges.items()}})
