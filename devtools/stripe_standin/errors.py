"""Errors shaped like Stripe's, so stripe-python raises the same exceptions as in production."""

from __future__ import annotations

from typing import Any

from aiohttp import web


class StripeError(Exception):
    """An API error rendered as Stripe's ``{"error": {...}}`` body."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"type": type, "message": message}
        if code is not None:
            self.body["code"] = code
        if param is not None:
            self.body["param"] = param

    def to_response(self) -> web.Response:
        return web.json_response({"error": self.body}, status=self.status)


def resource_missing(kind: str, object_id: str, param: str = "id") -> StripeError:
    # Stripe answers 404 for a missing object in the URL, 400 for one named in a parameter.
    status = 404 if param == "id" else 400
    return StripeError(
        f"No such {kind}: '{object_id}'", status=status, code="resource_missing", param=param
    )


def unknown_parameter(name: str) -> StripeError:
    return StripeError(f"Received unknown parameter: {name}", code="parameter_unknown", param=name)


def missing_parameter(name: str) -> StripeError:
    return StripeError(f"Missing required param: {name}.", code="parameter_missing", param=name)
