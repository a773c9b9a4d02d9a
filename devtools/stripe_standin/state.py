"""The stand-in's in-memory state and the small request helpers its handlers share."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from localstripe.server import get_post_data, unflatten_data

from .errors import StripeError, missing_parameter, unknown_parameter
from .events import EventBus
from .shapes import conform


@dataclass
class Standin:
    bus: EventBus = field(default_factory=EventBus)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Line items are not part of the session object (Stripe needs expand[]); the pay page uses them.
    line_items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    payment_intent_data: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    account_links: dict[str, dict[str, Any]] = field(default_factory=dict)
    transfers: dict[str, dict[str, Any]] = field(default_factory=dict)
    disputes: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Idempotency-Key -> (request fingerprint, status, body), or IN_FLIGHT while running.
    idempotency: dict[str, Any] = field(default_factory=dict)

    def reset(self, *, keep_webhooks: bool = False) -> None:
        for table in (
            self.sessions,
            self.line_items,
            self.payment_intent_data,
            self.accounts,
            self.account_links,
            self.transfers,
            self.disputes,
            self.idempotency,
        ):
            table.clear()
        self.bus.clear(keep_webhooks=keep_webhooks)

    def is_disputed(self, charge_id: str) -> bool:
        return any(dispute["charge"] == charge_id for dispute in self.disputes.values())

    def conform(self, data: Any, expand: Collection[str] = ()) -> Any:
        return conform(data, self.is_disputed, expand)


STANDIN = web.AppKey("standin", Standin)


def standin_of(request: web.Request) -> Standin:
    return request.app[STANDIN]


async def read_params(request: web.Request, allowed: set[str] | None = None) -> dict[str, Any]:
    """Form (or JSON) body as nested dicts/lists, the way stripe-python encodes parameters."""
    params = dict(await get_post_data(request) or {})
    params.pop("expand", None)
    if allowed is not None:
        for name in params:
            if name not in allowed:
                raise unknown_parameter(name)
    return params


async def expand_of(request: web.Request) -> list[str]:
    """The fields a request asks to expand (``expand[]`` in its query or body)."""
    source = (await get_post_data(request) or {}) if request.method == "POST" else {}
    expand = source.get("expand") or unflatten_data(request.query).get("expand") or []
    return [expand] if isinstance(expand, str) else list(expand)


def query_params(request: web.Request) -> dict[str, Any]:
    params = dict(unflatten_data(request.query))
    params.pop("expand", None)
    return params


def require(params: dict[str, Any], *names: str) -> None:
    for name in names:
        if params.get(name) in (None, ""):
            raise missing_parameter(name)


def as_int(params: dict[str, Any], name: str, default: int) -> int:
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise StripeError(f"Invalid integer: {value}", param=name) from None


def base_url(request: web.Request) -> str:
    # Hosted pages live on the stand-in itself, at the address the API client used.
    return f"{request.scheme}://{request.host}"
