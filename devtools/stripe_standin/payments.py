"""Checkout Sessions with a hosted pay page, refunds with events, and test-helper disputes."""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web
from localstripe.errors import UserError
from localstripe.resources import Charge, PaymentIntent, Refund

from . import pages
from .errors import StripeError, resource_missing
from .events import new_id
from .shapes import EVIDENCE_FIELDS, shaped
from .state import as_int, base_url, expand_of, read_params, require, standin_of

SESSION_PARAMS = {
    "mode",
    "line_items",
    "success_url",
    "cancel_url",
    "client_reference_id",
    "metadata",
    "payment_intent_data",
    "customer_email",
    "expires_at",
    "payment_method_types",
    "locale",
    "submit_type",
}
PAYMENT_INTENT_DATA_PARAMS = {"transfer_group", "metadata", "description", "receipt_email"}


def _parse_line_items(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        raise StripeError("line_items is required in payment mode.", param="line_items")
    items = []
    for index, item in enumerate(raw):
        price_data = item.get("price_data")
        if not isinstance(price_data, dict):
            # Prices are not served by the stand-in; inline price_data is what Slipstream uses.
            raise StripeError(
                "The stand-in supports line_items[].price_data only.",
                param=f"line_items[{index}][price_data]",
            )
        try:
            unit_amount = int(price_data["unit_amount"])
            quantity = int(item.get("quantity", 1))
            items.append(
                {
                    "name": price_data["product_data"]["name"],
                    "currency": price_data["currency"].lower(),
                    "unit_amount": unit_amount,
                    "quantity": quantity,
                }
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StripeError(
                f"Invalid line_items[{index}]: {exc}", param=f"line_items[{index}]"
            ) from exc
    if len({item["currency"] for item in items}) != 1:
        raise StripeError("All line_items must use the same currency.", param="line_items")
    return items


async def create_session(request: web.Request) -> web.Response:
    standin = standin_of(request)
    params = await read_params(request, SESSION_PARAMS)
    require(params, "mode", "success_url")
    if params["mode"] != "payment":
        raise StripeError("The stand-in supports mode=payment only.", param="mode")
    pi_data = params.get("payment_intent_data") or {}
    for name in pi_data:
        if name not in PAYMENT_INTENT_DATA_PARAMS:
            raise StripeError(
                f"Received unknown parameter: payment_intent_data[{name}]",
                code="parameter_unknown",
                param=f"payment_intent_data[{name}]",
            )
    items = _parse_line_items(params.get("line_items"))
    total = sum(item["unit_amount"] * item["quantity"] for item in items)
    session_id = new_id("cs_test_", 58)
    now = int(time.time())
    # Fields left out are null, as on a fresh hosted session without the optional features.
    session = shaped(
        "checkout.session",
        {
            "id": session_id,
            "object": "checkout.session",
            "adaptive_pricing": {"enabled": False},
            "amount_subtotal": total,
            "amount_total": total,
            "automatic_tax": {"enabled": False, "liability": None, "status": None},
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": params.get("client_reference_id"),
            "created": now,
            "currency": items[0]["currency"],
            "custom_fields": [],
            "custom_text": {"after_submit": None, "shipping_address": None, "submit": None},
            "customer_creation": "if_required",
            "customer_email": params.get("customer_email"),
            "discounts": [],
            "expires_at": as_int(params, "expires_at", now + 24 * 3600),
            "invoice_creation": {"enabled": False, "invoice_data": None},
            "livemode": False,
            "locale": params.get("locale"),
            "managed_payments": {"enabled": False},
            "metadata": params.get("metadata") or {},
            "mode": "payment",
            # Stripe creates the payment intent only when the customer pays.
            "payment_intent": None,
            "payment_method_collection": "if_required",
            "payment_method_options": {},
            "payment_method_types": ["card"],
            "payment_status": "unpaid",
            "phone_number_collection": {"enabled": False},
            "shipping_options": [],
            "status": "open",
            "submit_type": params.get("submit_type"),
            "success_url": params["success_url"],
            "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
            "ui_mode": "hosted",
            "url": f"{base_url(request)}/checkout/{session_id}",
        },
    )
    standin.sessions[session_id] = session
    standin.line_items[session_id] = items
    standin.payment_intent_data[session_id] = pi_data
    return web.json_response(session)


def _session(request: web.Request, session_id: str | None = None) -> dict[str, Any]:
    session_id = session_id or request.match_info["id"]
    session = standin_of(request).sessions.get(session_id)
    if session is None:
        raise resource_missing("checkout.session", session_id)
    return session


async def get_session(request: web.Request) -> web.Response:
    session = _session(request)
    expand = await expand_of(request)
    # Expanding payment_intent.latest_charge expands payment_intent too, as on Stripe.
    if session["payment_intent"] and any(e.split(".")[0] == "payment_intent" for e in expand):
        intent = PaymentIntent._api_retrieve(session["payment_intent"])._export()
        nested = ["latest_charge"] if "payment_intent.latest_charge" in expand else []
        session = session | {"payment_intent": standin_of(request).conform(intent, nested)}
    return web.json_response(session)


async def expire_session(request: web.Request) -> web.Response:
    session = _session(request)
    await read_params(request, set())
    if session["status"] != "open":
        raise StripeError(
            f'Only Checkout Sessions with a status in ["open"] can be expired. '
            f"This Checkout Session has a status of {session['status']}.",
            param="session",
        )
    session.update(status="expired", url=None)
    standin_of(request).bus.emit("checkout.session.expired", session)
    return web.json_response(session)


async def checkout_page(request: web.Request) -> web.Response:
    try:
        session = _session(request)
    except StripeError:
        return pages.message_page("Not found", "This checkout link does not exist.", status=404)
    if session["status"] != "open":
        return pages.message_page(
            "Checkout closed", f"This checkout is {session['status']}.", status=410
        )
    return pages.checkout_page(session, standin_of(request).line_items[session["id"]])


async def checkout_pay(request: web.Request) -> web.Response:
    """The Pay button: charge a test card through localstripe, then complete the session."""
    standin = standin_of(request)
    try:
        session = _session(request)
    except StripeError:
        return pages.message_page("Not found", "This checkout link does not exist.", status=404)
    if session["status"] != "open":
        return pages.message_page(
            "Checkout closed", f"This checkout is {session['status']}.", status=409
        )
    form = await request.post()
    card = str(form.get("card", "pm_card_visa"))
    if card not in ("pm_card_visa", "pm_card_chargeCustomerFail"):
        card = "pm_card_visa"
    email = str(form.get("email") or session["customer_email"] or "customer@example.com")
    pi_data = standin.payment_intent_data[session["id"]]
    intent = PaymentIntent(
        amount=session["amount_total"],
        currency=session["currency"],
        payment_method=card,
        metadata=dict(pi_data.get("metadata") or {}),
    )
    # localstripe does not take these parameters; as attributes they are exported with the
    # intent (and copied to its charge by shapes.py) as Stripe does.
    intent.transfer_group = pi_data.get("transfer_group")
    intent.description = pi_data.get("description")
    try:
        intent._confirm(on_failure_now=intent._report_failure)
    except UserError:
        line_items = standin.line_items[session["id"]]
        return pages.checkout_page(session, line_items, error="Your card was declined.")
    session.update(
        status="complete",
        payment_status="paid",
        payment_intent=intent.id,
        url=None,
        customer_details={
            "address": None,
            "business_name": None,
            "email": email,
            "individual_name": None,
            "name": None,
            "phone": None,
            "tax_exempt": "none",
            "tax_ids": [],
        },
    )
    standin.bus.emit("checkout.session.completed", session)
    success_url = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"])
    raise web.HTTPSeeOther(success_url)


REFUND_REASONS = {"duplicate", "fraudulent", "requested_by_customer"}


async def create_refund(request: web.Request) -> web.Response:
    """localstripe's refund, plus the checks and events it lacks (charge.refunded)."""
    standin = standin_of(request)
    params = await read_params(
        request, {"charge", "payment_intent", "amount", "metadata", "reason"}
    )
    reason = params.pop("reason", None)
    if reason is not None and reason not in REFUND_REASONS:
        raise StripeError(
            f"Invalid reason: must be one of {sorted(REFUND_REASONS)}", param="reason"
        )
    charge = _charge_to_refund(params)
    if charge is not None and charge.refunded:
        raise StripeError(
            f"Charge {charge.id} has already been refunded.", code="charge_already_refunded"
        )
    if charge is not None and any(
        d["charge"] == charge.id and d["status"] not in ("won", "lost")
        for d in standin.disputes.values()
    ):
        raise StripeError(f"Charge {charge.id} has been charged back.", code="charge_disputed")
    refund = Refund._api_create(**params)
    refund.reason = reason
    refund_json = standin.conform(refund._export())
    standin.bus.emit("refund.created", refund_json)
    standin.bus.emit(
        "charge.refunded", standin.conform(Charge._api_retrieve(refund.charge)._export())
    )
    return web.json_response(refund_json)


def _charge_to_refund(params: dict[str, Any]) -> Charge | None:
    try:
        if isinstance(params.get("payment_intent"), str):
            charge = PaymentIntent._api_retrieve(params["payment_intent"]).latest_charge
            if charge is None:
                raise StripeError(
                    "This PaymentIntent does not have a charge to refund.",
                    param="payment_intent",
                )
            return charge
        if isinstance(params.get("charge"), str):
            return Charge._api_retrieve(params["charge"])
    except UserError as exc:
        param = "payment_intent" if "payment_intent" in params else "charge"
        raise resource_missing(param, params[param], param=param) from exc
    return None


async def create_dispute(request: web.Request) -> web.Response:
    """Test helper: the card holder disputes a charge (POST /_standin/charges/{id}/dispute)."""
    standin = standin_of(request)
    charge_id = request.match_info["charge_id"]
    try:
        charge = Charge._api_retrieve(charge_id)
    except UserError as exc:
        raise resource_missing("charge", charge_id) from exc
    form = await request.post()
    now = int(time.time())
    dispute = shaped(
        "dispute",
        {
            "id": new_id("dp_"),
            "object": "dispute",
            "amount": as_int(dict(form), "amount", charge.amount),
            "balance_transactions": [],
            "charge": charge.id,
            "created": now,
            "currency": charge.currency,
            "enhanced_eligibility_types": [],
            "evidence": dict.fromkeys(EVIDENCE_FIELDS) | {"enhanced_evidence": {}},
            "evidence_details": {
                "due_by": now + 7 * 24 * 3600,
                "enhanced_eligibility": {},
                "has_evidence": False,
                "past_due": False,
                "submission_count": 0,
            },
            "is_charge_refundable": False,
            "livemode": False,
            "metadata": {},
            "payment_intent": charge.payment_intent,
            "payment_method_details": {
                "card": {"brand": "visa", "case_type": "chargeback", "network_reason_code": "10.4"},
                "type": "card",
            },
            "reason": str(form.get("reason") or "fraudulent"),
            "status": "needs_response",
        },
    )
    standin.disputes[dispute["id"]] = dispute
    standin.bus.emit("charge.dispute.created", dispute)
    return web.json_response(dispute)


async def close_dispute(request: web.Request) -> web.Response:
    """Test helper: the bank decides (POST /_standin/disputes/{id}/close, status=won|lost)."""
    standin = standin_of(request)
    dispute = standin.disputes.get(request.match_info["id"])
    if dispute is None:
        raise resource_missing("dispute", request.match_info["id"])
    status = (await request.post()).get("status")
    if status not in ("won", "lost"):
        raise StripeError("status must be won or lost", param="status")
    dispute["status"] = status
    standin.bus.emit("charge.dispute.closed", dispute)
    return web.json_response(dispute)


async def get_dispute(request: web.Request) -> web.Response:
    dispute = standin_of(request).disputes.get(request.match_info["id"])
    if dispute is None:
        raise resource_missing("dispute", request.match_info["id"])
    return web.json_response(dispute)
