"""Bring localstripe's objects to the shape of today's Stripe API.

localstripe exports old API versions' fields (``charges`` on payment intents, ``date`` on refunds,
a whole charge in ``latest_charge``) and lacks many current ones. Code written against the real
API reads the current fields, so every localstripe object leaving the stand-in gets exactly the
top-level keys of Stripe's published example object (fixtures3.json), with real values where they
can be derived and ``None`` where Stripe would also often say null.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from localstripe.resources import store

# Top-level keys of Stripe's example objects, in their order (from fixtures3.json, MIT licence).
_SHAPES = json.loads((Path(__file__).parent / "stripe_shapes.json").read_text(encoding="utf-8"))
KEYS: dict[str, list[str]] = {kind: keys for kind, keys in _SHAPES.items() if kind[0] != "_"}
EVIDENCE_FIELDS: list[str] = [
    key for key in KEYS.pop("dispute.evidence") if key != "enhanced_evidence"
]


def shaped(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """A ``kind`` object with exactly Stripe's keys: ``values`` where given, else null."""
    unknown = values.keys() - set(KEYS[kind])
    assert not unknown, f"not {kind} fields: {unknown}"
    return {key: values.get(key) for key in KEYS[kind]}


_ADDRESS = dict.fromkeys(("city", "country", "line1", "line2", "postal_code", "state"))


def _stored(kind: str, object_id: Any) -> Any:
    return store.get(f"{kind}:{object_id}") if isinstance(object_id, str) else None


def _payment_intent_extras(pi: dict[str, Any], is_disputed: Callable[[str], bool]) -> dict:
    status = pi.get("status")
    latest = pi.get("latest_charge")
    return {
        # Without expand[] Stripe returns the id, never the whole charge.
        "latest_charge": latest["id"] if isinstance(latest, dict) else latest,
        "amount_capturable": pi["amount"] if status == "requires_capture" else 0,
        "amount_received": pi["amount"] if status == "succeeded" else 0,
        "amount_details": {"tip": {}},
        "confirmation_method": "automatic",
        "metadata": pi.get("metadata") or {},
        "payment_method_options": {},
        "payment_method_types": ["card"],
    }


def _charge_extras(charge: dict[str, Any], is_disputed: Callable[[str], bool]) -> dict:
    pi = _stored("payment_intent", charge.get("payment_intent"))
    pm = _stored("payment_method", charge.get("payment_method"))
    card = getattr(pm, "card", None) or {}
    paid = charge.get("status") == "succeeded"
    return {
        "amount_captured": charge["amount"] if paid and charge.get("captured") else 0,
        "billing_details": {
            "address": dict(_ADDRESS),
            "email": None,
            "name": None,
            "phone": None,
            "tax_id": None,
        },
        "disputed": is_disputed(charge["id"]),
        "fraud_details": {},
        "outcome": {
            "advice_code": None,
            "network_advice_code": None,
            "network_decline_code": None,
            "network_status": "approved_by_network" if paid else "declined_by_network",
            "reason": None if paid else "generic_decline",
            "seller_message": "Payment complete." if paid else "The bank did not approve.",
            "type": "authorized" if paid else "issuer_declined",
        },
        "payment_method_details": {
            "card": {
                "brand": card.get("brand", "visa"),
                "country": "US",
                "exp_month": card.get("exp_month"),
                "exp_year": card.get("exp_year"),
                "funding": card.get("funding", "credit"),
                "last4": card.get("last4"),
                "network": card.get("brand", "visa"),
            },
            "type": "card",
        },
        # The checkout pay page stores these on the payment intent; Stripe copies them over.
        "transfer_group": getattr(pi, "transfer_group", None),
        "description": charge.get("description") or getattr(pi, "description", None),
    }


def _refund_extras(refund: dict[str, Any], is_disputed: Callable[[str], bool]) -> dict:
    charge = _stored("charge", refund.get("charge"))
    return {
        "payment_intent": refund.get("payment_intent") or getattr(charge, "payment_intent", None),
        "destination_details": {"card": {"type": "refund"}, "type": "card"},
        "customer": getattr(charge, "customer", None),
        "payment_method": getattr(charge, "payment_method", None),
    }


_EXTRAS = {
    "payment_intent": _payment_intent_extras,
    "charge": _charge_extras,
    "refund": _refund_extras,
}


def conform(data: Any, is_disputed: Callable[[str], bool], expand: Collection[str] = ()) -> Any:
    """Return ``data`` with every localstripe object (also nested ones) in today's shape.

    ``expand`` names top-level fields the client asked to see expanded (``expand[]``).
    """
    if isinstance(data, list):
        return [conform(item, is_disputed) for item in data]
    if not isinstance(data, dict):
        return data
    data = {key: conform(value, is_disputed) for key, value in data.items()}
    kind = data.get("object")
    if kind not in _EXTRAS:
        return data
    extras = _EXTRAS[kind](data, is_disputed)
    result = {key: extras[key] if key in extras else data.get(key) for key in KEYS[kind]}
    for name in expand:
        if isinstance(data.get(name), dict):
            result[name] = data[name]
    return result
