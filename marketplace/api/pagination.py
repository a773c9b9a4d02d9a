from typing import Any, cast

from django.conf import settings
from rest_framework import pagination, serializers

from marketplace.cursors import cursor_is_well_formed

# Validation only reads the field: one instance serves every request.
_PAGE_SIZE_FIELD = serializers.IntegerField(min_value=1)


class CursorPagination(pagination.CursorPagination):
    """Cursor pagination: stable under inserts and no COUNT(*) on big tables."""

    ordering: str | tuple[str, ...] = "-id"  # DRF takes a tuple too (subclasses use one)
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request: Any) -> int:
        """A page size that is not a whole number from 1 is refused (DRF would quietly use the
        default); one above the maximum is capped, as the API promises."""
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return cast(int, self.page_size)  # settings' PAGE_SIZE, or the subclass's own
        value = values[-1]
        if value.isascii() and value.isdigit() and value[0] != "0" and len(value) < 10:
            # The common case ("20"), read as the field below reads it: building the field
            # was a fiftieth of a browse request.
            return min(int(value), self.max_page_size)
        try:
            return min(_PAGE_SIZE_FIELD.run_validation(value), self.max_page_size)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({self.page_size_query_param: error.detail}) from None

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any]:
        """DRF answers None when no page size is set; PAGE_SIZE always is, so there is a page."""
        page: list[Any] | None = super().paginate_queryset(queryset, request, view)
        assert page is not None
        return page

    def decode_cursor(self, request: Any) -> pagination.Cursor | None:
        # Refuse what no page link contains (DRF would read it as "the first page").
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded and not cursor_is_well_formed(encoded):
            raise serializers.ValidationError(
                {self.cursor_query_param: ["Use the link of the next or previous page as sent."]}
            )
        return super().decode_cursor(request)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] |= {"minimum": 1}
                parameter["description"] = (
                    f"Results per page; larger values are capped at {self.max_page_size}."
                )
        return parameters


class ExtrasCursorPagination(CursorPagination):
    """Cursor pagination whose envelope carries a few more fields, which the view puts in
    `extra` (a capped count, an unread count); `extra_schema` documents them."""

    extra_schema: dict[str, dict] = {}
    extra: dict

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data.update(getattr(self, "extra", {}))
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        result = super().get_paginated_response_schema(schema)
        result["properties"].update(self.extra_schema)
        return result
