"""GET /api/v1/me/disclosures/: a student sees which institutions saw their data, when, how;
GET /api/v1/me/memberships/{id}/office-people/: who at the office can see what they share."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.schema import ErrorSerializer
from projects.careers.api.pagination import NewestFirstPagination
from projects.careers.selectors.disclosure_days import (
    disclosure_cursor_decode,
    disclosure_cursor_encode,
    disclosure_days_for_student,
)
from projects.careers.selectors.disclosures import (
    disclosures_for_student,
    disclosures_shape_for_student,
)
from projects.careers.selectors.featured import featured_badges_for_student
from projects.careers.selectors.office_people import office_people_for_student


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
                    help_text="`aggregate`: you were only counted in the office's figures "
                    "(totals without names).",
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


class MyDisclosureDaysView(APIView):
    """The same log grouped on the server: one line per day, reader and kind of read (the
    endpoints of one dashboard visit fold into one), with the day's true count; pages of whole
    days, newest first. The student themself only: it reads the signed-in user's log."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_disclosure_days_list",
        parameters=[
            OpenApiParameter(
                "cursor",
                str,
                description="From `next` of the previous page: the days before it follow.",
            )
        ],
        responses={
            200: inline_serializer(
                "MyDisclosureDays",
                {
                    "next": serializers.URLField(
                        allow_null=True, help_text="The next (earlier) days; null at the end."
                    ),
                    "results": inline_serializer(
                        "MyDisclosureDay",
                        {
                            "day": serializers.DateField(help_text="The day (UTC)."),
                            "institution": serializers.CharField(),
                            "by": serializers.DictField(
                                help_text="`kind` `staff` (a person) or `api_key`, and `name`."
                            ),
                            "kind": serializers.ChoiceField(
                                choices=["dashboard", "student_page", "export", "system"],
                                help_text="How the office read: its dashboard, your student "
                                "page, a CSV download, or its own system (an API key).",
                            ),
                            "aggregate": serializers.BooleanField(
                                help_text="You were only counted in the office's figures "
                                "(totals without names)."
                            ),
                            "fields": serializers.ListField(
                                child=serializers.CharField(),
                                help_text="The fields that reached the office about you.",
                            ),
                            "count": serializers.IntegerField(
                                help_text="How many times that day (visits, for the dashboard)."
                            ),
                            "last_at": serializers.DateTimeField(),
                            "description": serializers.CharField(
                                help_text="In plain words: “Priya Shah at Riverbend "
                                "University's career office viewed your participation on the "
                                "office dashboard”."
                            ),
                        },
                        many=True,
                    ),
                },
            ),
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("cursor")
        before = disclosure_cursor_decode(raw) if raw else None
        lines, following = disclosure_days_for_student(
            student=authenticated_user(request), before=before
        )
        next_url = (
            request.build_absolute_uri(
                f"{request.path}?cursor={disclosure_cursor_encode(following)}"
            )
            if following
            else None
        )
        return Response({"next": next_url, "results": lines})


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


class MyOfficePeopleView(APIView):
    """Who at the career office of one of your institutions can see what you share: each staff
    member by name and role, flagged when their address is off the institution's domains, and
    the office's own systems (live API keys) as one line. Your own student memberships only
    (any other is 404). Never an e-mail address."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_memberships_office_people",
        responses={
            200: inline_serializer(
                "MyOfficePeople",
                {
                    "institution": serializers.CharField(),
                    "office": serializers.CharField(
                        help_text="“Riverbend University's career office”."
                    ),
                    "sharing": serializers.BooleanField(
                        help_text="Whether you share anything with it now. False: the office "
                        "sees nothing of you, and `people` is empty and `systems` null."
                    ),
                    "people": inline_serializer(
                        "MyOfficePerson",
                        {
                            "name": serializers.CharField(
                                help_text="The name they gave; one who gave none is “A staff "
                                "member of Riverbend University's career office”."
                            ),
                            "role": serializers.ChoiceField(choices=["admin", "viewer"]),
                            "role_words": serializers.CharField(
                                help_text="The role in plain words: “Viewer: sees what you share”."
                            ),
                            "outside_domains": serializers.BooleanField(
                                help_text="Their address is not on the institution's e-mail "
                                "domains (for example a personal or partner address)."
                            ),
                        },
                        many=True,
                    ),
                    "systems": inline_serializer(
                        "MyOfficeSystems",
                        {
                            "api_keys": serializers.IntegerField(
                                help_text="Live API keys of the office."
                            ),
                            "description": serializers.CharField(
                                help_text="“Riverbend University's own systems, through 1 API key”."
                            ),
                        },
                        allow_null=True,
                        help_text="Null when the office has no live API key.",
                    ),
                },
            ),
            401: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request, membership_id: int) -> Response:
        return Response(
            office_people_for_student(
                student=authenticated_user(request), membership_id=membership_id
            )
        )
