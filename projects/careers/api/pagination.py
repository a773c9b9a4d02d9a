"""Cursor pages of the careers API, with every envelope field documented; sync lists add
`removed` (first page only) and `synced_at`."""

from marketplace.api.pagination import ExtrasCursorPagination

_ENVELOPE = {
    "next": {
        "description": "The next page's URL (keep its `cursor`); null on the last page.",
        "example": "https://slipstream.example/api/v1/careers/students/?cursor=cD0xMjM%3D",
    },
    "previous": {"description": "The previous page's URL; null on the first.", "example": None},
    "results": {"description": "This page's rows, oldest first.", "example": []},
}
_SYNCED_AT = {
    "type": "string",
    "format": "date-time",
    "description": "Server time of this response: your next updated_since.",
    "example": "2026-03-04T12:30:00Z",
}


class DocumentedCursorPagination(ExtrasCursorPagination):
    """Ordered by creation (a cursor stays valid while rows change)."""

    ordering = ("pk",)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        result = super().get_paginated_response_schema(schema)
        for name, extra in _ENVELOPE.items():
            result["properties"][name].update(extra)
        return result


class NewestFirstPagination(DocumentedCursorPagination):
    ordering = ("-pk",)


class SyncedPagination(DocumentedCursorPagination):
    """A list with `updated_since`: `synced_at` is the time to send next."""

    extra_schema = {"synced_at": _SYNCED_AT}


class CareersPagination(DocumentedCursorPagination):
    """Student data lists: `synced_at`, and `removed` for students who stopped sharing."""

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
        "synced_at": _SYNCED_AT,
    }
