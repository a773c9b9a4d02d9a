"""Cursor pagination with a little extra in the envelope, and the schema to match."""

from typing import Any

from rest_framework.response import Response

from marketplace.api.pagination import CursorPagination


class BrowsePagination(CursorPagination):
    """Adds `count` (capped) and `count_capped`; the view sets `ordering` per request."""

    extra: dict[str, Any]

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data.update(getattr(self, "extra", {}))
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["count"] = {
            "type": "integer",
            "description": "Matching tasks, counted up to 1000.",
        }
        result["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when more than 1000 tasks match (show “1000+”).",
        }
        return result


class NotificationPagination(CursorPagination):
    extra: dict[str, Any]

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data.update(getattr(self, "extra", {}))
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["unread_count"] = {"type": "integer"}
        return result
