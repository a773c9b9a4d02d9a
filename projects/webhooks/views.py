"""Stripe webhook endpoints: verify the signature on the raw body, record, dispatch.

Two endpoints with separate signing secrets: platform events, and connected accounts' events.
A missing, wrong or stale signature gets 400 before anything touches the database.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.api.exceptions import error_body
from projects.stipends import error_codes, stripe_client
from projects.webhooks.events import (
    CONNECT_HANDLERS,
    PLATFORM_HANDLERS,
    Handler,
    stripe_event_process,
)

logger = logging.getLogger(__name__)


def _receive(request: HttpRequest, secret: str, handlers: dict[str, Handler]) -> HttpResponse:
    try:
        event = stripe_client.event_construct(
            payload=request.body,
            signature=request.headers.get("Stripe-Signature"),
            secret=secret,
        )
    except stripe_client.SignatureError as exc:
        logger.warning("rejected stripe webhook: %s", exc)
        return JsonResponse(
            error_body(error_codes.BAD_SIGNATURE, "Invalid signature."),
            status=400,
        )
    outcome = stripe_event_process(event=event, handlers=handlers)
    return JsonResponse({"received": True, "outcome": outcome})


def _endpoint(secret_setting: str, handlers: dict[str, Handler]) -> Callable:
    @csrf_exempt
    @require_POST
    def view(request: HttpRequest) -> HttpResponse:
        return _receive(request, getattr(settings, secret_setting), handlers)

    return view


platform_webhook = _endpoint("STRIPE_WEBHOOK_SECRET", PLATFORM_HANDLERS)
connect_webhook = _endpoint("STRIPE_CONNECT_WEBHOOK_SECRET", CONNECT_HANDLERS)
