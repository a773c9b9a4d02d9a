"""The signed-in person's notifications: GET /me/notifications/, POST /me/notifications/read/."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.selectors.notifications import notification_list_for_user, notification_unread_count
from accounts.services.notifications import notifications_mark_read
from marketplace.api.fields import ObjectIdField
from marketplace.api.pagination import ExtrasCursorPagination

# A page of this site as `location.pathname` gives it: one leading slash (never "//", another
# host), no fragment, no space or control character. Spelled as code points, not `\s`, which
# Python and the schema's (ECMA) regular expressions read differently ("\x1f" is one in Python).
PAGE_PATH_PATTERN = r"^/(?:[^/#\u0000-\u0020\u007f][^#\u0000-\u0020\u007f]*)?$"


class _PagePathValidator(RegexValidator):
    """The pattern (stated in the schema) must match the whole text: Python's `$` also matches
    before a final newline, the schema's does not."""

    def __init__(self) -> None:
        super().__init__(PAGE_PATH_PATTERN, message="Give a page path such as /engagements/12/.")

    def __call__(self, value: object) -> None:
        if not re.fullmatch(PAGE_PATH_PATTERN, str(value)):
            raise ValidationError(self.message, code=self.code)


class NotificationPagination(ExtrasCursorPagination):
    """The cursor envelope plus `unread_count`, which the view sets for the whole inbox."""

    extra_schema = {"unread_count": {"type": "integer"}}


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NotificationsReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=ObjectIdField(),
        required=False,
        allow_null=True,
        default=None,
        max_length=200,
        help_text="Leave out (with `url`) to mark every notification read.",
    )
    url = serializers.CharField(
        required=False,
        max_length=300,
        # Kept as sent: the pattern is the whole rule, and the schema states it.
        trim_whitespace=False,
        validators=[_PagePathValidator()],
        help_text="Mark read every notification that points at this page (a path such as "
        "/engagements/12/), as when the person opens it.",
    )


class NotificationListView(APIView):
    """My notifications, newest first, with how many are unread."""

    permission_classes = [IsAuthenticated]
    pagination_class = NotificationPagination

    @extend_schema(
        operation_id="me_notifications", responses=NotificationOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            notification_list_for_user(user=authenticated_user(request)), request, view=self
        )
        paginator.extra = {
            "unread_count": notification_unread_count(user=authenticated_user(request))
        }
        return paginator.get_paginated_response(NotificationOutputSerializer(page, many=True).data)


class NotificationReadView(APIView):
    """Mark some (or all) of my notifications read; ids of other people's are ignored."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_notifications_read",
        request=NotificationsReadInputSerializer,
        responses={200: {"type": "object", "properties": {"marked": {"type": "integer"}}}},
    )
    def post(self, request: Request) -> Response:
        form = NotificationsReadInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        marked = notifications_mark_read(user=authenticated_user(request), **form.validated_data)
        return Response({"marked": marked})
