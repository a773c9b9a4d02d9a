"""Event log and signed webhook delivery.

Every event is kept (so ``GET /v1/events`` can serve a reconcile job) and queued for delivery.
One worker delivers the queue in order, after the HTTP response that caused the event, like
Stripe; ``flush()`` lets tests wait for the queue instead of sleeping.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import string
import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import aiohttp
import stripe

from .errors import StripeError

# (request id, idempotency key) of the API request being handled, for events' ``request`` field.
# Events caused by a person on a hosted page carry nulls there, as on Stripe.
CURRENT_REQUEST: ContextVar[tuple[str | None, str | None]] = ContextVar(
    "CURRENT_REQUEST", default=(None, None)
)

logger = logging.getLogger(__name__)
_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str, length: int = 24) -> str:
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))


@dataclass(frozen=True)
class Webhook:
    url: str
    secret: str
    connect: bool
    # Endpoints given on the command line stay through resets.
    permanent: bool = False


def paginate(items: list[dict[str, Any]], url: str, params: dict[str, Any]) -> dict[str, Any]:
    """Stripe's list object over ``items`` (newest first), honouring limit and starting_after."""
    try:
        limit = int(params.get("limit", 10))
    except ValueError:
        limit = 0
    if not 1 <= limit <= 100:
        raise StripeError("Invalid limit: must be between 1 and 100.", param="limit")
    start = 0
    if after := params.get("starting_after"):
        ids = [item["id"] for item in items]
        if after not in ids:
            raise StripeError(f"No such object: '{after}'", param="starting_after")
        start = ids.index(after) + 1
    page = items[start : start + limit]
    return {"object": "list", "data": page, "has_more": start + limit < len(items), "url": url}


class EventBus:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.webhooks: list[Webhook] = []
        self.deliveries: list[dict[str, Any]] = []
        self._unflushed: list[dict[str, Any]] = []
        self._queue: asyncio.Queue[tuple[dict[str, Any], str, Webhook]] | None = None
        self._http: aiohttp.ClientSession | None = None
        self._worker: asyncio.Task[None] | None = None
        # Cleared by hold(): events queue up until the next flush(), so a test can look at the
        # moment between a customer's redirect and the webhook (Stripe promises no order).
        self._released: asyncio.Event | None = None

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._released = asyncio.Event()
        self._released.set()
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._worker = asyncio.create_task(self._deliver_forever())

    async def close(self) -> None:
        if self._worker:
            self._worker.cancel()
        if self._http:
            await self._http.close()

    def clear(self, *, keep_webhooks: bool = False) -> None:
        self.events.clear()
        self.deliveries.clear()
        self._unflushed.clear()
        if not keep_webhooks:
            self.webhooks[:] = [hook for hook in self.webhooks if hook.permanent]

    def emit(
        self,
        type: str,
        obj: dict[str, Any],
        *,
        account: str | None = None,
        previous_attributes: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Record an event about ``obj`` and queue it for every matching endpoint."""
        # Events about connected accounts go to Connect endpoints only, and the rest to the
        # platform's endpoints only, as Stripe routes them.
        targets = [hook for hook in self.webhooks if hook.connect == (account is not None)]
        request_id, idempotency_key = CURRENT_REQUEST.get()
        data: dict[str, Any] = {"object": json.loads(json.dumps(obj))}
        if previous_attributes is not None:
            data["previous_attributes"] = previous_attributes
        event: dict[str, Any] = {"id": new_id("evt_"), "object": "event"}
        if account is not None:
            event["account"] = account
        event |= {
            "api_version": stripe.api_version,
            "created": int(time.time()),
            "data": data,
            "livemode": False,
            "pending_webhooks": len(targets),
            "request": {"id": request_id, "idempotency_key": idempotency_key},
            "type": type,
        }
        self.events.append(event)
        payload = json.dumps(event, indent=2)
        assert self._queue is not None, "EventBus.start() has not run"
        for hook in targets:
            self._queue.put_nowait((event, payload, hook))
        return event

    def hold(self) -> None:
        """Keep new deliveries queued until the next flush()."""
        assert self._released is not None, "EventBus.start() has not run"
        self._released.clear()

    async def flush(self) -> list[dict[str, Any]]:
        """Deliver what is queued (ending a hold), wait for it, and return the deliveries not
        returned by an earlier flush."""
        assert self._queue is not None and self._released is not None
        self._released.set()
        await self._queue.join()
        done, self._unflushed = self._unflushed, []
        return done

    def list_events(self, params: dict[str, Any], stripe_account: str | None) -> dict[str, Any]:
        # As on Stripe, a platform key lists platform events; a Stripe-Account header lists that
        # connected account's events.
        items = [event for event in self.events if event.get("account") == stripe_account]
        if type_ := params.get("type"):
            items = [event for event in items if event["type"] == type_]
        created = params.get("created") or {}
        if not isinstance(created, dict):
            created = {"gte": created, "lte": created}
        checks = {
            "gt": int.__gt__,
            "gte": int.__ge__,
            "lt": int.__lt__,
            "lte": int.__le__,
        }
        for op, bound in created.items():
            if op not in checks or not str(bound).isdigit():
                raise StripeError(f"Invalid created[{op}]: {bound}", param="created")
            items = [event for event in items if checks[op](event["created"], int(bound))]
        return paginate(items[::-1], "/v1/events", params)

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        return next((event for event in self.events if event["id"] == event_id), None)

    async def _deliver_forever(self) -> None:
        assert self._queue is not None and self._http is not None
        assert self._released is not None
        while True:
            event, payload, hook = await self._queue.get()
            await self._released.wait()
            record: dict[str, Any] = {
                "event_id": event["id"],
                "event_type": event["type"],
                "url": hook.url,
                "connect": hook.connect,
                "status": None,
                "error": None,
                "event": event,
            }
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "Stripe-Signature": stripe.WebhookSignature.generate_signature_header(
                    payload, hook.secret
                ),
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            }
            try:
                async with self._http.post(hook.url, data=payload, headers=headers) as response:
                    record["status"] = response.status
            except Exception as exc:  # any failure is the endpoint's; the worker must live on
                record["error"] = repr(exc)
            finally:
                logger.info(
                    "%s %s -> %s: %s",
                    event["type"],
                    event["id"],
                    hook.url,
                    record["status"] or record["error"],
                )
                self.deliveries.append(record)
                self._unflushed.append(record)
                self._queue.task_done()
