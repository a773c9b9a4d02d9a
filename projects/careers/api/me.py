"""GET /api/v1/me/disclosures/: a student sees which institutions saw their data, when, how."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from projects.careers.api.pagination import NewestFirstPagination
from projects.careers.selectors.disclosures import disclosure_shape, disclosures_for_student


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
                "fields": serializers.ListField(child=serializers.CharField()),
            },
            many=True,
        ),
    )
    def get(self, request: Request) -> Response:
        paginator = NewestFirstPagination()
        page = paginator.paginate_queryset(
            disclosures_for_student(student=request.user), request, view=self
        )
        return paginator.get_paginated_response(
            [disclosure_shape(row, for_student=True) for row in page]
        )
