"""Pagination of the marketplace's lists, and the shared way views page a queryset."""

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.pagination import ExtrasCursorPagination


class BrowsePagination(ExtrasCursorPagination):
    """Adds `count` (capped) and `count_capped`; the view sets `ordering` per request."""

    extra_schema = {
        "count": {"type": "integer", "description": "Matching tasks, counted up to 1000."},
        "count_capped": {
            "type": "boolean",
            "description": "True when more than 1000 tasks match (show “1000+”).",
        },
    }


def paginated_response(
    view: Any, request: Request, queryset: Any, serializer_class: type, **context: Any
) -> Response:
    """One page of `queryset`, serialised with the viewer (and `context`) in the context.
    `view` is an APIView with a `pagination_class`."""
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(page, many=True, context={"viewer": request.user, **context}).data
    return paginator.get_paginated_response(data)
