from django.conf import settings
from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Cursor pagination: stable under inserts and no COUNT(*) on big tables."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE


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
