"""Circle endpoints: list and host circles, join and leave, one circle for its members, ask for
critique, critique, mark helpful, report, and the host's removal. Thin views: validate input,
call one service or selector, render output."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.skill_families import SKILL_FAMILY_LABELS
from marketplace.api.pagination import CursorPagination
from projects.circles.api import serializers as s
from projects.circles.selectors.alerts import circle_alerts_for_viewer
from projects.circles.selectors.circles import (
    circle_get_for_member,
    circle_hosting_get,
    circle_list,
    circle_rows,
)
from projects.circles.services.alerts import circle_alert_subscribe, circle_alert_unsubscribe
from projects.circles.services.circles import (
    circle_close,
    circle_create,
    circle_join,
    circle_leave,
    circle_member_remove,
)
from projects.circles.services.critiques import (
    critique_create,
    critique_mark_helpful,
    critique_report,
    critique_request_create,
)

_ERRORS = {
    400: OpenApiResponse(description="Malformed input."),
    403: OpenApiResponse(description="Not yours to do (the error's code says why)."),
    404: OpenApiResponse(description="No such circle, or you are not in it."),
    409: OpenApiResponse(description="The circle's state or a rule refuses it (full, no credit)."),
}


def _detail(request: Request, circle_id: int, code: int = status.HTTP_200_OK) -> Response:
    data = circle_get_for_member(circle_id=circle_id, user=authenticated_user(request))
    return Response(s.CircleDetailSerializer(data).data, status=code)


class _CirclePagination(CursorPagination):
    page_size = 20


class CircleListView(APIView):
    """Live circles you could join (open ones and your institutions'), or host a new one."""

    permission_classes = [IsAuthenticated]
    pagination_class = _CirclePagination

    @extend_schema(
        operation_id="circles_list",
        parameters=[s.CircleQuerySerializer],
        responses={200: s.CircleCardSerializer(many=True), 400: _ERRORS[400]},
    )
    def get(self, request: Request) -> Response:
        query = s.CircleQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queryset = circle_list(viewer=authenticated_user(request), **query.validated_data)
        paginator = self.pagination_class()
        page = list(paginator.paginate_queryset(queryset, request, view=self))
        rows = circle_rows(circles=page, viewer=authenticated_user(request))
        return paginator.get_paginated_response(s.CircleCardSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="circles_create",
        request=s.CircleCreateInputSerializer,
        responses={201: s.CircleDetailSerializer, **_ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = s.CircleCreateInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        circle = circle_create(host=authenticated_user(request), **form.validated_data)
        return _detail(request, circle.pk, status.HTTP_201_CREATED)


class CircleHostingView(APIView):
    """May I host a circle, and how many verified drafts do I have of those it takes."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="circles_hosting", responses={200: s.CircleHostingSerializer})
    def get(self, request: Request) -> Response:
        hosting = circle_hosting_get(viewer=authenticated_user(request))
        return Response(s.CircleHostingSerializer(hosting).data)


class CircleDetailView(APIView):
    """One circle, for its members only (anyone else: 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="circles_retrieve",
        responses={200: s.CircleDetailSerializer, 404: _ERRORS[404]},
    )
    def get(self, request: Request, circle_id: int) -> Response:
        return _detail(request, circle_id)


def _circle_action(service, operation_id: str, doc: str):
    class CircleActionView(APIView):
        __doc__ = doc
        permission_classes = [IsAuthenticated]

        @extend_schema(
            operation_id=operation_id,
            request=None,
            responses={200: s.CircleCardSerializer, **_ERRORS},
        )
        def post(self, request: Request, circle_id: int) -> Response:
            circle = service(circle_id=circle_id, user=authenticated_user(request))
            row = circle_rows(circles=[circle], viewer=authenticated_user(request))[0]
            return Response(s.CircleCardSerializer(row).data)

    CircleActionView.__name__ = f"{operation_id.title().replace('_', '')}View"
    return CircleActionView


CircleJoinView = _circle_action(circle_join, "circles_join", "Join a circle with room in it.")
CircleLeaveView = _circle_action(circle_leave, "circles_leave", "Leave a circle you are in.")
CircleCloseView = _circle_action(
    lambda *, circle_id, user: circle_close(circle_id=circle_id, host=user),
    "circles_close",
    "The host closes the circle (its requests and critiques stay readable to its members).",
)


class CircleMemberRemoveView(APIView):
    """The host removes a member; they cannot join again."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="circles_members_remove",
        request=None,
        responses={200: s.CircleDetailSerializer, **_ERRORS},
    )
    def post(self, request: Request, circle_id: int, handle: str) -> Response:
        circle_member_remove(circle_id=circle_id, host=authenticated_user(request), handle=handle)
        return _detail(request, circle_id)


class CircleRequestsView(APIView):
    """A member asks the circle for critique on one of their portfolio items (1 credit)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="circles_requests_create",
        request=s.CritiqueRequestInputSerializer,
        responses={201: s.CircleDetailSerializer, **_ERRORS},
    )
    def post(self, request: Request, circle_id: int) -> Response:
        form = s.CritiqueRequestInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        critique_request_create(
            circle_id=circle_id, asker=authenticated_user(request), **form.validated_data
        )
        return _detail(request, circle_id, status.HTTP_201_CREATED)


class CritiqueCreateView(APIView):
    """A member critiques another member's request: what works, one change, one resource."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="critique_requests_critiques_create",
        request=s.CritiqueInputSerializer,
        responses={201: s.CircleDetailSerializer, **_ERRORS},
    )
    def post(self, request: Request, request_id: int) -> Response:
        form = s.CritiqueInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        critique = critique_create(
            request_id=request_id, author=authenticated_user(request), **form.validated_data
        )
        return _detail(request, critique.request.circle_id, status.HTTP_201_CREATED)


class CritiqueHelpfulView(APIView):
    """The asker marks a critique helpful: its author earns 1 credit (once)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="critiques_helpful",
        request=None,
        responses={200: s.CircleDetailSerializer, **_ERRORS},
    )
    def post(self, request: Request, critique_id: int) -> Response:
        critique = critique_mark_helpful(critique_id=critique_id, user=authenticated_user(request))
        return _detail(request, critique.request.circle_id)


class CritiqueReportView(APIView):
    """Anyone in the circle reports a critique to site staff."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="critiques_report",
        request=s.CritiqueReportInputSerializer,
        responses={201: s.CritiqueReportOutputSerializer, **_ERRORS},
    )
    def post(self, request: Request, critique_id: int) -> Response:
        form = s.CritiqueReportInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        report = critique_report(
            critique_id=critique_id, reporter=authenticated_user(request), **form.validated_data
        )
        return Response(
            s.CritiqueReportOutputSerializer(report).data, status=status.HTTP_201_CREATED
        )


_ALERT_ERRORS = {
    401: OpenApiResponse(description="Not signed in."),
    404: OpenApiResponse(description="No such skill family."),
}


# The path names one of the fixed skill families: the schema lists them (any other is a 404).
_FAMILY = OpenApiParameter(
    "skill_family",
    str,
    OpenApiParameter.PATH,
    enum=list(SKILL_FAMILY_LABELS),
    description="A skill family's slug.",
)


def _alert_row(request: Request, skill_family: str) -> dict:
    rows = circle_alerts_for_viewer(viewer=authenticated_user(request))
    return next(row for row in rows if row["skill_family"] == skill_family)


class CircleAlertListView(APIView):
    """Your "tell me when a circle opens" alerts, beside the families of your skills."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="circles_alerts_list",
        responses={200: s.CircleAlertSerializer(many=True), 401: _ALERT_ERRORS[401]},
    )
    def get(self, request: Request) -> Response:
        rows = circle_alerts_for_viewer(viewer=authenticated_user(request))
        return Response(s.CircleAlertSerializer(rows, many=True).data)


class CircleAlertView(APIView):
    """Your own alert for one skill family: POST to wait for a circle of it (told once, in-app
    and by e-mail unless invitation e-mails are off), DELETE to stop waiting (idempotent)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="circles_alerts_subscribe",
        parameters=[_FAMILY],
        request=None,
        responses={
            201: s.CircleAlertSerializer,
            200: OpenApiResponse(s.CircleAlertSerializer, description="Already waiting."),
            **_ALERT_ERRORS,
        },
    )
    def post(self, request: Request, skill_family: str) -> Response:
        _, started = circle_alert_subscribe(
            user=authenticated_user(request), skill_family=skill_family
        )
        row = _alert_row(request, skill_family)
        code = status.HTTP_201_CREATED if started else status.HTTP_200_OK
        return Response(s.CircleAlertSerializer(row).data, status=code)

    @extend_schema(
        operation_id="circles_alerts_unsubscribe",
        parameters=[_FAMILY],
        request=None,
        responses={204: None, **_ALERT_ERRORS},
    )
    def delete(self, request: Request, skill_family: str) -> Response:
        circle_alert_unsubscribe(user=authenticated_user(request), skill_family=skill_family)
        return Response(status=status.HTTP_204_NO_CONTENT)
