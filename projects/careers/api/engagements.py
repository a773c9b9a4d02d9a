"""GET careers/engagements/: the engagements of your consenting students, filtered on the
server (api/filters.py: the dashboard's term, programme and class year, and the table's own
state, paid, dates and name) and paged by cursor."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from projects.careers.api import serializers as s
from projects.careers.api.base import CareersView
from projects.careers.api.filters import EngagementFilterSerializer
from projects.careers.api.pagination import CareersPagination
from projects.careers.api.students import CURSOR, PAGE_SIZE, UPDATED_SINCE, synced_page
from projects.careers.selectors.engagements import (
    careers_engagement_rows_shape,
    careers_engagements,
)


class EngagementListView(CareersView):
    """Engagements of consenting students, each with a stipend or unpaid (`paid`); stipend
    amounts and ratings from mentors (`competencies`) only where the student's consent covers
    them."""

    pagination_class = CareersPagination
    disclosed_fields = ("name", "engagements", "stipend_amounts", "competencies", "outcomes")

    @extend_schema(
        operation_id="careers_engagements_list",
        parameters=[EngagementFilterSerializer, UPDATED_SINCE, CURSOR, PAGE_SIZE],
        responses=s.EngagementSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        since = self.updated_since()
        form = EngagementFilterSerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        rows = careers_engagements(
            access=self.access, updated_since=since, filters=form.validated_data
        )
        return synced_page(self, request, rows, careers_engagement_rows_shape, since)
