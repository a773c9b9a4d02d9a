"""GET careers/reports/summary/, summary.csv and the filter values for the dashboard."""

import csv
import io

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from projects.careers.api import serializers as s
from projects.careers.api.base import CareersView
from projects.careers.selectors.reports import (
    careers_report_csv_rows,
    careers_report_filters,
    careers_report_summary,
)

REPORT_FIELDS = ("aggregate:participation", "aggregate:stipend_amounts")


def _report(view: CareersView, request: Request) -> dict:
    data = {**request.query_params.dict()}
    if "from" in data:
        data["date_from"] = data.pop("from")
    form = s.ReportInputSerializer(data=data)
    form.is_valid(raise_exception=True)
    values = form.validated_data
    report, students = careers_report_summary(
        access=view.access,
        date_from=values.get("date_from"),
        date_to=values.get("to"),
        group_by=values.get("group_by"),
        term=values.get("term"),
        major=values.get("major"),
    )
    view.disclose(students)
    return report


class ReportSummaryView(CareersView):
    """Participation, completion rate, paid vs unpaid, stipend totals and top skills; cells
    under 5 students are suppressed."""

    disclosed_fields = REPORT_FIELDS

    @extend_schema(
        operation_id="careers_reports_summary",
        parameters=[s.ReportInputSerializer],
        responses=s.ReportSerializer,
    )
    def get(self, request: Request) -> Response:
        return Response(_report(self, request))


class ReportSummaryCsvView(CareersView):
    """The same report as CSV (one row for all, then one per group)."""

    disclosed_fields = REPORT_FIELDS

    @extend_schema(
        operation_id="careers_reports_summary_csv",
        parameters=[s.ReportInputSerializer],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV")},
    )
    def get(self, request: Request) -> HttpResponse:
        out = io.StringIO()
        csv.writer(out).writerows(careers_report_csv_rows(_report(self, request)))
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="careers-summary.csv"'
        return response


class ReportFiltersView(CareersView):
    """The terms and majors the report can be filtered by."""

    @extend_schema(
        operation_id="careers_reports_filters",
        responses=s.ReportFiltersSerializer,
    )
    def get(self, request: Request) -> Response:
        return Response(careers_report_filters(access=self.access))
