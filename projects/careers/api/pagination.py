"""Cursor pages for incremental sync: `removed` (first page only) and `synced_at`."""

from marketplace.api.pagination import ExtrasCursorPagination


class CareersPagination(ExtrasCursorPagination):
    """Ordered by creation (a cursor stays valid while rows change); `synced_at` is the time
    to send as the next `updated_since`."""

    ordering = ("pk",)
    extra_schema = {
        "removed": {
            "type": "array",
            "items": {"type": "string"},
            "description": (
                "With updated_since, on the first page: ids of students who stopped sharing "
                "(consent revoked or narrowed, or membership ended) since then. Delete them."
            ),
            "example": ["stu_3f9a0c1b2d4e5f607182"],
        },
        "synced_at": {
            "type": "string",
            "format": "date-time",
            "description": "Server time of this response: your next updated_since.",
            "example": "2026-03-04T12:30:00Z",
        },
    }
