"""Pagination of the marketplace's lists, and the shared way views page a queryset."""

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.pagination import CursorPagination, ExtrasCursorPagination


class StatementCursorPagination(CursorPagination):
    """CursorPagination that also pages a prebuilt statement (`paginate_statement`), for lists
    read without a queryset (browse, the mentor's applications)."""

    def paginate_statement(
        self,
        request: Request,
        *,
        ordering: tuple[str, ...],
        prepare: Callable[[str], Any],
        fetch: Callable[..., list[dict[str, Any]]],
    ) -> list[dict[str, Any]]:
        """DRF's CursorPagination.paginate_queryset step for step, over a prebuilt statement
        (projects/selectors/browse.py) instead of a queryset: the same keyset on the first sort
        column, the same offset for ties, one row more to know there is a next page — so the
        cursors, the links and the pages are what they were. `prepare` turns a cursor's
        position into the value the database compares; `fetch(reverse=, keyset=, position=,
        offset=, limit=)` runs the page."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = ordering
        self.cursor = self.decode_cursor(request)
        cursor = self.cursor
        offset, reverse = (cursor.offset, cursor.reverse) if cursor else (0, False)
        # DRF decodes the position as the string it encoded (the stubs say int).
        current_position = cast("str | None", cursor.position) if cursor else None
        keyset, position = "", None
        if current_position is not None:
            # (cursor reversed) XOR (ordering descending): below the position, else above it.
            keyset = "<" if reverse != ordering[0].startswith("-") else ">"
            try:
                position = prepare(current_position)
            except (ValueError, TypeError, DjangoValidationError):
                # A position no page link holds (the cursor was edited): the ORM's lookup
                # raised these, a 500 for a number; it is the client's malformed cursor.
                raise serializers.ValidationError(
                    {
                        self.cursor_query_param: [
                            "Use the link of the next or previous page as sent."
                        ]
                    }
                ) from None
        results = fetch(
            reverse=reverse,
            keyset=keyset,
            position=position,
            offset=offset,
            limit=self.page_size + 1,
        )
        self.page = list(results[: self.page_size])
        has_following_position = len(results) > len(self.page)
        following_position = (
            self._get_position_from_instance(results[-1], self.ordering)
            if has_following_position
            else None
        )
        if reverse:
            self.page = list(reversed(self.page))
            self.has_next = (current_position is not None) or (offset > 0)
            self.has_previous = has_following_position
            if self.has_next:
                self.next_position = current_position
            if self.has_previous:
                self.previous_position = following_position
        else:
            self.has_next = has_following_position
            self.has_previous = (current_position is not None) or (offset > 0)
            if self.has_next:
                self.next_position = following_position
            if self.has_previous:
                self.previous_position = current_position
        return self.page


class BrowsePagination(ExtrasCursorPagination, StatementCursorPagination):
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
