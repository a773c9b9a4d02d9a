"""The one domain error every app raises; the API turns it into the JSON error shape."""

from typing import Any


class DomainError(Exception):
    """A business rule said no. `code` is stable: clients match on it, so never rename one."""

    status_code = 400
    default_code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.fields = fields or {}
        if status_code is not None:
            self.status_code = status_code

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class NotFound(DomainError):
    """Missing, or not yours: the two are indistinguishable on purpose (404 hides existence)."""

    status_code = 404
    default_code = "not_found"


class Conflict(DomainError):
    """The request is valid but the object's current state does not allow it."""

    status_code = 409
    default_code = "conflict"


class Forbidden(DomainError):
    status_code = 403
    default_code = "permission_denied"


def field_error(message: str, *, code: str, field: str) -> DomainError:
    """A 400 about one input: the message is shown on that field."""
    return DomainError(message, code=code, fields={field: [message]})
