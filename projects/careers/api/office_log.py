"""GET /api/v1/careers/disclosures/days/: the office's disclosure log grouped by day, reader and
kind of read (a dashboard visit is one line, not five; a student's page one line per student,
named while they share). Staff sessions only, as the raw log
(careers/disclosures/) and its CSV, which stay as they are."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.schema import ErrorSerializer
from projects.careers.api.base import CareersView
from projects.careers.api.serializers.documented import documented as _f
from projects.careers.selectors.disclosure_days import (
    disclosure_cursor_decode,
    disclosure_cursor_encode,
)
from projects.careers.selectors.office_disclosure_days import office_disclosure_days

_LINE = inline_serializer(
    "CareersDisclosureDay",
    {
        "day": _f(serializers.DateField(), "The day (UTC).", "2026-12-07"),
        "by": _f(
            serializers.DictField(),
            "`kind` `staff` (a colleague) or `api_key`, and `name`.",
            {"kind": "staff", "name": "Priya Shah"},
        ),
        "kind": _f(
            serializers.ChoiceField(choices=["dashboard", "student_page", "export", "system"]),
            "How student data was read: the dashboard, a student's page, a CSV download, or "
            "your own system (an API key).",
            "dashboard",
        ),
        "what": _f(
            serializers.CharField(),
            "What was read, in plain words, without the reader. A student's page is one line per "
            "student and names them while they share with your office; after they stop, "
            '"a student who no longer shares with your office".',
            "Viewed the dashboard (figures, students, engagements)",
        ),
        "count": _f(
            serializers.IntegerField(), "How many times that day (visits, for the dashboard).", 3
        ),
        "last_at": _f(
            serializers.DateTimeField(), "The last time that day.", "2026-12-07T14:05:00Z"
        ),
        "description": _f(
            serializers.CharField(),
            "The whole line in plain words, reader first.",
            "Priya Shah viewed the dashboard (figures, students, engagements)",
        ),
    },
    many=True,
)


class DisclosureDaysView(CareersView):
    """Your office's disclosure log, one line per day, reader and kind of read, with how many
    times and the last time; pages of whole days, newest first."""

    staff_only = True

    @extend_schema(
        operation_id="careers_disclosure_days_list",
        parameters=[
            OpenApiParameter(
                "cursor",
                str,
                description="From `next` of the previous page: the days before it follow.",
            )
        ],
        responses={
            200: inline_serializer(
                "CareersDisclosureDays",
                {
                    "next": _f(
                        serializers.URLField(allow_null=True),
                        "The next (earlier) days; null at the end.",
                        "https://slipstream.example/api/v1/careers/disclosures/days/?cursor=ZDoyMDI2LTExLTMw",
                    ),
                    "results": _LINE,
                },
            ),
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("cursor")
        before = disclosure_cursor_decode(raw) if raw else None
        lines, following = office_disclosure_days(access=self.access, before=before)
        next_url = None
        if following:
            query = request.query_params.copy()
            query["cursor"] = disclosure_cursor_encode(following)
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"next": next_url, "results": lines})
