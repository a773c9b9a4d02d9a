"""GET careers/students/, students.csv and careers/students/{id}/participation/."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.errors import NotFound
from projects.careers.api import serializers as s
from projects.careers.api.base import UPDATED_SINCE_FORMAT, CareersView
from projects.careers.api.filters import StudentFilterSerializer
from projects.careers.api.pagination import CareersPagination
from projects.careers.csv_cells import csv_lines
from projects.careers.selectors.engagements import (
    careers_engagement_rows_shape,
    careers_engagements,
)
from projects.careers.selectors.outcomes import careers_student_outcomes
from projects.careers.selectors.student_cohort import careers_students_in_cohort
from projects.careers.selectors.students import (
    careers_student_applications,
    careers_student_ids,
    careers_student_row,
    careers_student_rows_shape,
    careers_students,
    careers_students_csv_rows,
    careers_students_removed,
)

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    str,
    description=f"Only what changed after this time ({UPDATED_SINCE_FORMAT}).",
)
PAGE_SIZE = OpenApiParameter("page_size", int, description="Rows per page (at most 100).")
CURSOR = OpenApiParameter("cursor", str, description="The `next` link's cursor.")
STUDENT_FIELDS = ("name", "programme", "class_year", "skills", "counts", "outcomes")


def synced_page(view: CareersView, request: Request, rows, shape, since) -> Response:
    """One cursor page, shaped; removals ride on the first page of an incremental sync.
    The page's students go to the disclosure log."""
    synced_at = timezone.now()
    paginator = CareersPagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    paginator.extra = {"synced_at": synced_at}
    if since is not None and not request.query_params.get("cursor"):
        paginator.extra["removed"] = careers_students_removed(access=view.access, since=since)
    else:
        paginator.extra["removed"] = []
    view.disclose(row["drafter_id"] if "drafter_id" in row else row["pk"] for row in page)
    return paginator.get_paginated_response(shape(access=view.access, rows=page))


class StudentListView(CareersView):
    """Students of your institution who currently consent to share their participation."""

    pagination_class = CareersPagination
    disclosed_fields = STUDENT_FIELDS

    @extend_schema(
        operation_id="careers_students_list",
        parameters=[StudentFilterSerializer, UPDATED_SINCE, CURSOR, PAGE_SIZE],
        responses=s.StudentSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        since = self.updated_since()
        form = StudentFilterSerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        rows = careers_students(access=self.access, updated_since=since)
        rows = careers_students_in_cohort(rows, access=self.access, filters=form.validated_data)
        return synced_page(self, request, rows, careers_student_rows_shape, since)


class StudentCsvView(CareersView):
    """The students list as one CSV file, the columns the dashboard's students table shows:
    one row per student who shares participation with you (of the term, programme and class
    year, when given: the list's filters), outcome counts only for those who share outcomes.
    Not figures, so nothing is hidden: each row is there by the student's consent. Streamed,
    so a large office's file does not wait for the last row; the download is logged as its
    own read ("Downloaded the students list (CSV)")."""

    disclosed_fields = STUDENT_FIELDS

    @extend_schema(
        operation_id="careers_students_csv",
        parameters=[StudentFilterSerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="CSV: id (the student's id for your institution), name, programme, "
                'class_year, skills (joined by "; "), applications, engagements, completed, '
                "shares_outcomes (yes/no), introduction, referral, repeat_work, job_offer "
                "(drafts that led to each; empty unless the student shares outcomes), "
                "last_activity (YYYY-MM-DD).",
            )
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        form = StudentFilterSerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        students = careers_student_ids(access=self.access, filters=form.validated_data)
        self.disclose(students)
        rows = careers_students_csv_rows(access=self.access, student_ids=students)
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="careers-students.csv"'
        return response


class StudentParticipationView(CareersView):
    """One consenting student's applications and engagements (404 without consent)."""

    disclosed_fields = (
        *STUDENT_FIELDS,
        "applications",
        "engagements",
        "stipend_amounts",
        "competencies",
        "outcomes",
    )

    @extend_schema(
        operation_id="careers_students_participation",
        parameters=[
            OpenApiParameter(
                "student_id",
                str,
                OpenApiParameter.PATH,
                description="The student's id for your institution (from students/).",
            )
        ],
        responses=s.ParticipationSerializer,
    )
    def get(self, request: Request, student_id: str) -> Response:
        student = self.access.student_get(public_id=student_id)
        row = student and careers_student_row(access=self.access, student_id=student.pk)
        if student is None or row is None:
            raise NotFound("No such student.")
        engagements = list(careers_engagements(access=self.access, student_id=student.pk))
        self.disclose([student.pk])
        return Response(
            {
                "student": row,
                "applications": careers_student_applications(
                    access=self.access, student_id=student.pk
                ),
                "engagements": careers_engagement_rows_shape(
                    access=self.access, rows=sorted(engagements, key=lambda r: r["pk"])
                ),
                "outcomes": careers_student_outcomes(access=self.access, student_id=student.pk),
            }
        )
