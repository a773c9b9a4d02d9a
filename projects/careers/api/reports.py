"""GET careers/reports/summary/, summary.csv, first-destination.csv and the filter values for
the dashboard."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from projects.careers.api import serializers as s
from projects.careers.api.base import CareersView
from projects.careers.api.filters import StudentFilterSerializer
from projects.careers.csv_cells import csv_text
from projects.careers.selectors.disclosures import EVERY_FIGURE_HIDDEN
from projects.careers.selectors.outcomes import (
    careers_first_destination_rows,
    careers_first_destination_students,
)
from projects.careers.selectors.report_csv import (
    careers_report_csv_rows,
    careers_report_totals_label,
)
from projects.careers.selectors.reports import (
    careers_report_every_figure_hidden,
    careers_report_filters,
    careers_report_summary,
)

REPORT_FIELDS = ("aggregate:participation", "aggregate:stipend_amounts", "aggregate:outcomes")
FIRST_DESTINATION_FIELDS = (
    "name",
    "programme",
    "class_year",
    "engagements",
    "competencies",
    "outcomes",
)


def _report(view: CareersView, request: Request) -> tuple[dict, dict]:
    """The summary for the query's period and filter, and the validated query."""
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
        class_year=values.get("class_year"),
    )
    view.disclose(students)
    return report, values


class ReportSummaryView(CareersView):
    """Figures (totals without names): participation, completion rate, with stipend vs
    unpaid, stipend amounts, outcomes and top skills. A figure is hidden (null) when fewer than
    5 students share what it counts.

    `totals` and `top_skills` are the same whatever `group_by` is (they depend only on `from`,
    `to`, `term`, `major` and `class_year`). Every engagement is in a group: students who gave
    no programme or class year are in "Not given", engagements on tasks without a skill in "No
    skill listed"; a group of fewer than 5 students has its figures hidden (null) like any other.
    So the groups' engagements, completed, paid, unpaid and hours add up to the totals, bar
    hidden groups (by skill, an engagement on a task with two skills is in both). A student is
    counted in each group they are in (active in two terms, or on tasks with two skills), so the
    groups' students may add up to more than `totals.students`; with `from`/`to`, `students`
    counts student-months."""

    disclosed_fields = REPORT_FIELDS

    @extend_schema(
        operation_id="careers_reports_summary",
        parameters=[s.ReportInputSerializer],
        responses=s.ReportSerializer,
    )
    def get(self, request: Request) -> Response:
        return Response(_report(self, request)[0])


class ReportSummaryCsvView(CareersView):
    """The same figures as CSV (one row for all, then one per group; `paid` and `unpaid`
    count engagements with a stipend and unpaid, `suppressed` is true where fewer than 5
    students take part and the row's figures are empty; an empty `stipend_totals` means hidden,
    `USD 0.00` (`0.00` when the office's stipends are in no single currency) means no stipend
    amounts among students who share them, and `notes` says "No stipends in this group"). With a
    filter, the first row's `group` names it ("Design, class of 2027, 2026 Fall") instead of
    "All". The last two columns give the totals as a number a spreadsheet can add up:
    `stipend_total` (1200.00) and
    `stipend_currency` (USD); both empty when hidden; when a row's stipends are in several
    currencies, `stipend_total` is empty and `stipend_currency` says "several currencies". The
    last column, `notes`, says in words which of the row's cells are empty and why ("Stipend
    totals hidden: fewer than 5 of the students with a stipend share amounts"); empty when none
    is."""

    disclosed_fields: tuple[str, ...] = REPORT_FIELDS

    @extend_schema(
        operation_id="careers_reports_summary_csv",
        parameters=[s.ReportInputSerializer],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV")},
    )
    def get(self, request: Request) -> HttpResponse:
        report, values = _report(self, request)
        if careers_report_every_figure_hidden(report):
            # The logs say what the file held: no figure at all (see EVERY_FIGURE_HIDDEN).
            self.disclosed_fields = (EVERY_FIGURE_HIDDEN,)
        label = careers_report_totals_label(
            term=values.get("term"), major=values.get("major"), class_year=values.get("class_year")
        )
        text = csv_text(careers_report_csv_rows(report, totals_label=label))
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
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


class FirstDestinationCsvView(CareersView):
    """One row per student who shares participation and outcomes, by name (narrowed by the
    dashboard's term, programme and class year, as the students list is) — drafts
    completed, ratings from mentors (for students who also share them), outcomes with dates —
    to merge into the NACE first-destination survey. Not figures, so nothing is hidden: each row
    is there by the student's consent; the download is logged."""

    disclosed_fields = FIRST_DESTINATION_FIELDS

    @extend_schema(
        operation_id="careers_reports_first_destination_csv",
        parameters=[StudentFilterSerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="CSV: student_id, name, programme, class_year, drafts_completed, "
                "first_draft_completed_on, last_draft_completed_on, competencies_rated "
                '(ratings from mentors, averaged: "communication 4.5 / 5; teamwork 5.0 / 5"), '
                "introduction, referral, repeat_work, "
                'job_offer (drafts that led to each), outcomes_with_dates ("referral '
                '2026-03-01; job_offer 2026-04-02"), engagements_completed, '
                "first_engagement_completed_on, last_engagement_completed_on (the same values as "
                "the drafts_* columns, which are kept for existing imports).",
            )
        },
    )
    def get(self, request: Request) -> HttpResponse:
        form = StudentFilterSerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        students = careers_first_destination_students(
            access=self.access, filters=form.validated_data
        )
        text = csv_text(careers_first_destination_rows(access=self.access, student_ids=students))
        self.disclose(students)
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="first-destination.csv"'
        return response
