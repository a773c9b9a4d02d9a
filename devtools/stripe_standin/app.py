"""The aiohttp application: localstripe's API plus the stand-in's own routes and test helpers."""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import localstripe.resources
import localstripe.server
from aiohttp import web
from localstripe.errors import UserError

from . import connect, payments
from .errors import StripeError
from .events import CURRENT_REQUEST, Webhook, new_id
from .state import STANDIN, Standin, expand_of, query_params, standin_of

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
IN_FLIGHT = object()

# localstripe keeps one global store, so one stand-in per process receives its events.
_active: Standin | None = None


def _forward_localstripe_event(event: Any) -> None:
    """Replaces localstripe's own webhook sender: its events join the stand-in's log and queue."""
    if _active is not None:
        _active.bus.emit(event.type, _active.conform(event.data["object"]))


def _patch_localstripe(standin: Standin) -> None:
    global _active
    _active = standin
    # Its store pickles itself to a fixed file in /tmp on every write; keep it in memory.
    localstripe.resources.Store.dump_to_disk = lambda self: None
    localstripe.resources.schedule_webhook = _forward_localstripe_event


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except StripeError as exc:
        return exc.to_response()
    except UserError as exc:
        return exc.to_response()
    except (web.HTTPNotFound, web.HTTPMethodNotAllowed) as exc:
        if not request.path.startswith("/v1/"):
            raise
        # stripe-python expects a JSON error body, as Stripe sends for unknown URLs.
        message = f"Unrecognized request URL ({request.method}: {request.path})."
        return StripeError(message, status=exc.status).to_response()


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    # Only the API needs a key; hosted pages and /_standin/ helpers are opened by browsers/tests.
    if request.path.startswith("/v1/"):
        return await localstripe.server.auth_middleware(request, handler)
    return await handler(request)


def _idempotency_error(message: str, status: int = 400) -> web.Response:
    return StripeError(message, status=status, type="idempotency_error").to_response()


@web.middleware
async def request_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Give API requests an id, and tell events which API request (if any) caused them."""
    api = request.path.startswith("/v1/")
    request_id = new_id("req_", 14) if api else None
    key = request.headers.get("Idempotency-Key") if api and request.method == "POST" else None
    # Reset afterwards: requests on one keep-alive connection may share a context.
    token = CURRENT_REQUEST.set((request_id, key))
    try:
        response = await (_idempotent(request, handler, key) if key else handler(request))
    finally:
        CURRENT_REQUEST.reset(token)
    if request_id and "Request-Id" not in response.headers:
        response.headers["Request-Id"] = request_id
    return response


async def _idempotent(request: web.Request, handler: Handler, key: str) -> web.StreamResponse:
    """Stripe's idempotency rules: a repeat replays the first answer; other parameters fail."""
    store = standin_of(request).idempotency
    body = (await request.read()).decode("utf-8", "replace")
    fingerprint = (request.path, sorted(parse_qsl(body, keep_blank_values=True)) or body)
    entry = store.get(key)
    if entry is IN_FLIGHT:
        return _idempotency_error(
            f"There is currently another in-progress request using this Idempotent Key: {key}.",
            status=409,
        )
    if entry is not None:
        if entry["fingerprint"] != fingerprint:
            return _idempotency_error(
                "Keys for idempotent requests can only be used with the same parameters they "
                f"were first used with. Try using a key other than '{key}' if you meant to "
                "execute a different request."
            )
        replay = web.Response(
            body=entry["body"], status=entry["status"], content_type="application/json"
        )
        replay.headers.update({"Idempotent-Replayed": "true", "Request-Id": entry["request_id"]})
        return replay
    store[key] = IN_FLIGHT
    try:
        response = await _respond(request, handler)
    except BaseException:
        del store[key]
        raise
    # Like Stripe: only requests that started executing are saved (not validation failures).
    if response.status < 400 or response.status == 402:
        request_id = CURRENT_REQUEST.get()[0]
        store[key] = {
            "fingerprint": fingerprint,
            "status": response.status,
            "body": response.body,
            "request_id": request_id,
        }
    else:
        del store[key]
    return response


async def _respond(request: web.Request, handler: Handler) -> web.Response:
    try:
        response = await handler(request)
    except StripeError as exc:
        response = exc.to_response()
    except UserError as exc:
        response = exc.to_response()
    assert isinstance(response, web.Response)
    return response


def _conforming(handler: Callable[[web.Request], Any], standin: Standin) -> Handler:
    """Wrap a localstripe handler so its JSON comes out in today's Stripe shapes."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        response = handler(request)
        if inspect.isawaitable(response):
            response = await response
        if response.content_type != "application/json" or response.status >= 400:
            return response
        top_level = [name for name in await expand_of(request) if "." not in name]
        data = standin.conform(json.loads(response.body), top_level)
        return web.json_response(data, status=response.status)

    return wrapped


async def list_events(request: web.Request) -> web.Response:
    params = query_params(request)
    account = request.headers.get("Stripe-Account")
    return web.json_response(standin_of(request).bus.list_events(params, account))


async def get_event(request: web.Request) -> web.Response:
    event = standin_of(request).bus.get_event(request.match_info["id"])
    if event is None:
        raise StripeError(
            f"No such event: '{request.match_info['id']}'",
            status=404,
            code="resource_missing",
            param="id",
        )
    return web.json_response(event)


async def add_webhook(request: web.Request) -> web.Response:
    form = await request.post()
    url, secret = str(form.get("url", "")), str(form.get("secret", ""))
    if not url.startswith(("http://", "https://")) or not secret:
        raise StripeError("url (http/https) and secret are required")
    hook = Webhook(url, secret, str(form.get("connect", "false")).lower() == "true")
    standin_of(request).bus.webhooks.append(hook)
    return web.json_response({"url": hook.url, "connect": hook.connect})


async def flush(request: web.Request) -> web.Response:
    deliveries = await standin_of(request).bus.flush()
    return web.json_response({"object": "list", "data": deliveries})


async def hold(request: web.Request) -> web.Response:
    standin_of(request).bus.hold()
    return web.json_response({"held": True})


async def list_deliveries(request: web.Request) -> web.Response:
    return web.json_response({"object": "list", "data": standin_of(request).bus.deliveries})


async def reset(request: web.Request) -> web.Response:
    standin = standin_of(request)
    # Finish deliveries first, so one test's events never reach the next test's receiver.
    await standin.bus.flush()
    standin.reset(keep_webhooks=request.query.get("keep_webhooks") == "true")
    localstripe.resources.store.clear()  # what localstripe's DELETE /_config/data does
    return web.json_response({"deleted": True})


ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", "/v1/checkout/sessions", payments.create_session),
    ("GET", "/v1/checkout/sessions/{id}", payments.get_session),
    ("POST", "/v1/checkout/sessions/{id}/expire", payments.expire_session),
    ("POST", "/v1/refunds", payments.create_refund),
    ("GET", "/v1/disputes/{id}", payments.get_dispute),
    ("POST", "/v1/accounts", connect.create_account),
    ("GET", "/v1/accounts/{id}", connect.get_account),
    ("POST", "/v1/accounts/{id}", connect.update_account),
    ("POST", "/v1/account_links", connect.create_account_link),
    ("POST", "/v1/transfers", connect.create_transfer),
    ("GET", "/v1/transfers", connect.list_transfers),
    ("GET", "/v1/transfers/{id}", connect.get_transfer),
    ("POST", "/v1/transfers/{id}/reversals", connect.create_reversal),
    ("GET", "/v1/transfers/{id}/reversals", connect.list_reversals),
    ("GET", "/v1/events", list_events),
    ("GET", "/v1/events/{id}", get_event),
    ("GET", "/checkout/{id}", payments.checkout_page),
    ("POST", "/checkout/{id}/pay", payments.checkout_pay),
    ("GET", "/connect/onboarding/{account_id}", connect.onboarding_page),
    ("POST", "/connect/onboarding/{account_id}", connect.onboarding_complete),
    ("POST", "/_standin/webhooks", add_webhook),
    ("POST", "/_standin/flush", flush),
    ("POST", "/_standin/hold", hold),
    ("GET", "/_standin/deliveries", list_deliveries),
    ("DELETE", "/_standin/data", reset),
    ("POST", "/_standin/charges/{charge_id}/dispute", payments.create_dispute),
    ("POST", "/_standin/disputes/{id}/close", payments.close_dispute),
]


def build_app(standin: Standin | None = None) -> web.Application:
    """A fresh application serving localstripe's routes and the stand-in's."""
    standin = standin or Standin()
    _patch_localstripe(standin)
    app = web.Application(middlewares=[error_middleware, auth_middleware, request_middleware])
    app[STANDIN] = standin

    async def start_bus(app: web.Application) -> None:
        await standin.bus.start()

    async def close_bus(app: web.Application) -> None:
        await standin.bus.close()

    app.on_startup.append(start_bus)
    app.on_cleanup.append(close_bus)
    taken = set()
    for method, path, handler in ROUTES:
        app.router.add_route(method, path, handler)
        taken.add((method, path))
    for route in localstripe.server.app.router.routes():
        path = route.resource.canonical if route.resource else ""
        # The stand-in owns these (and delivers webhooks itself, so localstripe's registry is
        # left out).
        if (route.method, path) in taken or path.startswith("/_config/webhooks"):
            continue
        if route.method == "HEAD":
            continue
        app.router.add_route(route.method, path, _conforming(route.handler, standin))
    return app
