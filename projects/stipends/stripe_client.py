"""The one door to Stripe: the only module of the product that imports `stripe`.

- The client is built from settings (secret key, and STRIPE_API_BASE for the local stand-in).
- The API version is pinned, so Stripe's shapes cannot change under us.
- Automatic retries are off: a retry of a money-moving call is our decision, made with the same
  idempotency key.
- Every mutating call carries an idempotency key derived from our ids, so a repeated call (a
  retried task, two racing requests) cannot move money twice. A test checks this file for it.
  Keys are prefixed with STRIPE_IDEMPOTENCY_NAMESPACE when set, so deployments sharing one
  Stripe account (staging and a demo, say) never collide on the same ids.

Callers get plain dicts and our own exceptions; nothing else needs to know the `stripe` library.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import stripe
from django.conf import settings

API_VERSION = "2026-10-28.endive"


class PaymentProviderError(Exception):
    """Stripe refused a request or could not be reached. `code` is Stripe's error code."""

    def __init__(self, message: str, *, code: str = "", retryable: bool = False) -> None:
        super().__init__(message)
        self.code = code or ""
        self.retryable = retryable


class SignatureError(Exception):
    """A webhook's signature is missing, wrong, stale, or its body is not an event."""


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentProviderError(
            "Stripe is not configured (STRIPE_SECRET_KEY is empty).", code="not_configured"
        )
    extra: dict[str, Any] = {}
    if settings.STRIPE_API_BASE:
        extra["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=API_VERSION,
        max_network_retries=0,
        **extra,
    )


def _call(method: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    try:
        result: dict[str, Any] = method(*args, **kwargs).to_dict()
        return result
    except stripe.StripeError as exc:
        retryable = isinstance(exc, stripe.APIConnectionError | stripe.RateLimitError) or (
            exc.http_status is not None and exc.http_status >= 500
        )
        raise PaymentProviderError(
            exc.user_message or str(exc), code=exc.code or "", retryable=retryable
        ) from exc


# --- Connect -----------------------------------------------------------------------------------


def account_create(*, user_id: int, email: str) -> dict[str, Any]:
    """An Express-style connected account the platform controls (fees and losses are ours)."""
    return _call(
        _client().v1.accounts.create,
        params={
            "controller": {
                "stripe_dashboard": {"type": "express"},
                "fees": {"payer": "application"},
                "losses": {"payments": "application"},
            },
            "email": email,
            "capabilities": {"transfers": {"requested": True}},
            "metadata": {"user": str(user_id)},
        },
        options={"idempotency_key": _namespaced(f"account:{user_id}")},
    )


def account_retrieve(*, account_id: str) -> dict[str, Any]:
    return _call(_client().v1.accounts.retrieve, account_id)


def account_link_create(
    *, account_id: str, link_key: str, refresh_url: str, return_url: str
) -> dict[str, Any]:
    return _call(
        _client().v1.account_links.create,
        params={
            "account": account_id,
            "refresh_url": refresh_url,
            "return_url": return_url,
            "type": "account_onboarding",
        },
        options={"idempotency_key": _namespaced(link_key)},
    )


# --- Checkout and charges ----------------------------------------------------------------------


def checkout_session_create(
    *,
    engagement_id: int,
    attempt: int,
    amount: int,
    currency: str,
    product_name: str,
    customer_email: str,
    success_url: str,
    cancel_url: str,
) -> dict[str, Any]:
    group = transfer_group(engagement_id)
    metadata = {"engagement": str(engagement_id)}
    return _call(
        _client().v1.checkout.sessions.create,
        params={
            "mode": "payment",
            "client_reference_id": group,
            "customer_email": customer_email,
            "metadata": metadata,
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": currency,
                        "unit_amount": amount,
                        "product_data": {"name": product_name},
                    },
                }
            ],
            "payment_intent_data": {"transfer_group": group, "metadata": metadata},
            "success_url": success_url,
            "cancel_url": cancel_url,
        },
        options={"idempotency_key": _namespaced(f"checkout:{engagement_id}:{attempt}")},
    )


def checkout_session_expire(*, session_id: str) -> dict[str, Any]:
    return _call(
        _client().v1.checkout.sessions.expire,
        session_id,
        options={"idempotency_key": _namespaced(f"checkout-expire:{session_id}")},
    )


def payment_intent_retrieve(*, payment_intent_id: str) -> dict[str, Any]:
    return _call(_client().v1.payment_intents.retrieve, payment_intent_id)


# --- Money out ---------------------------------------------------------------------------------


def transfer_create(
    *,
    engagement_id: int,
    amount: int,
    currency: str,
    destination: str,
    source_transaction: str,
) -> dict[str, Any]:
    """Pay a drafter. The key `payout:<engagement id>` makes a repeat return the same transfer."""
    return _call(
        _client().v1.transfers.create,
        params={
            "amount": amount,
            "currency": currency,
            "destination": destination,
            "source_transaction": source_transaction,
            "transfer_group": transfer_group(engagement_id),
            "metadata": {"engagement": str(engagement_id)},
        },
        options={"idempotency_key": _namespaced(payout_key(engagement_id))},
    )


def refund_create(*, engagement_id: int, payment_intent_id: str) -> dict[str, Any]:
    """Refund the mentor in full, by payment intent, once per engagement."""
    return _call(
        _client().v1.refunds.create,
        params={
            "payment_intent": payment_intent_id,
            "reason": "requested_by_customer",
            "metadata": {"engagement": str(engagement_id)},
        },
        options={"idempotency_key": _namespaced(f"refund:{engagement_id}")},
    )


# --- Events ------------------------------------------------------------------------------------


def events_list(*, created_gte: int, account_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Events since `created_gte` (oldest first); with account_id, that connected account's."""
    options: stripe.RequestOptions = {"stripe_account": account_id} if account_id else {}
    try:
        page = _client().v1.events.list(
            params={"created": {"gte": created_gte}, "limit": 100}, options=options
        )
        events = [event.to_dict() for event in page.auto_paging_iter()]
    except stripe.StripeError as exc:
        raise PaymentProviderError(str(exc), code=exc.code or "", retryable=True) from exc
    return iter(sorted(events, key=lambda event: (event["created"], event["id"])))


def event_construct(*, payload: bytes, signature: str | None, secret: str) -> dict[str, Any]:
    """Verify a webhook's signature on the raw body and return the event as a dict.

    Any body that is not an event object (a list, a string, JSON nested past what Python can
    parse, bytes that are not UTF-8) is refused like a bad signature: a 400, never a 500.
    """
    if not signature or not secret:
        raise SignatureError("missing signature or endpoint secret")
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            text, signature, secret, tolerance=stripe.Webhook.DEFAULT_TOLERANCE
        )
        event = json.loads(text)
    except (stripe.SignatureVerificationError, ValueError, RecursionError) as exc:
        raise SignatureError(str(exc)[:200]) from exc
    if not isinstance(event, dict):
        raise SignatureError("the body is not a Stripe event")
    data = event.get("data", {})
    if (
        not isinstance(event.get("id"), str)
        or not event["id"]
        or not isinstance(event.get("type"), str)
        or not event["type"]
        or not isinstance(data, dict)
    ):
        raise SignatureError("the body is not a Stripe event")
    return event


# --- Keys derived from our ids -----------------------------------------------------------------


def _namespaced(key: str) -> str:
    namespace = settings.STRIPE_IDEMPOTENCY_NAMESPACE
    return f"{namespace}:{key}" if namespace else key


def transfer_group(engagement_id: int) -> str:
    return f"engagement-{engagement_id}"


def payout_key(engagement_id: int) -> str:
    return f"payout:{engagement_id}"
