"""Connect: accounts, account links with a hosted onboarding page, transfers and reversals."""

from __future__ import annotations

import copy
import time
from typing import Any

from aiohttp import web
from localstripe.errors import UserError
from localstripe.resources import Charge

from . import pages
from .errors import StripeError, resource_missing
from .events import new_id, paginate
from .shapes import shaped
from .state import as_int, base_url, query_params, read_params, require, standin_of

ACCOUNT_PARAMS = {
    "type",
    "country",
    "email",
    "business_type",
    "capabilities",
    "controller",
    "metadata",
    "business_profile",
    "default_currency",
}
CURRENCIES = {"US": "usd", "GB": "gbp", "CA": "cad", "AU": "aud", "CH": "chf"}
# What Stripe asks of a fresh Express account before it can be paid.
ONBOARDING_DUE = [
    "business_profile.url",
    "external_account",
    "individual.first_name",
    "individual.last_name",
    "tos_acceptance.date",
    "tos_acceptance.ip",
]
TRANSFERS_DISABLED = (
    "Your destination account needs to have at least one of the following capabilities "
    "enabled: transfers, crypto_transfers, legacy_payments"
)


def _requirements(due: list[str]) -> dict[str, Any]:
    return {
        "alternatives": [],
        "current_deadline": None,
        "currently_due": list(due),
        "disabled_reason": "requirements.past_due" if due else None,
        "errors": [],
        "eventually_due": list(due),
        "past_due": list(due),
        "pending_verification": [],
    }


def _account_type(params: dict[str, Any]) -> str:
    if params.get("type"):
        return params["type"]
    dashboard = (params.get("controller") or {}).get("stripe_dashboard", {}).get("type")
    return {"express": "express", "full": "standard", "none": "custom"}.get(dashboard, "none")


async def create_account(request: web.Request) -> web.Response:
    standin = standin_of(request)
    params = await read_params(request, ACCOUNT_PARAMS)
    account_type = _account_type(params)
    if account_type not in ("express", "standard", "custom", "none"):
        raise StripeError(f"Invalid account type: {account_type}", param="type")
    country = params.get("country", "US").upper()
    requested = [
        name
        for name, options in (params.get("capabilities") or {}).items()
        if str(options.get("requested")).lower() == "true"
    ]
    account_id = new_id("acct_", 16)
    business_profile = dict.fromkeys(
        ("mcc", "name", "product_description", "support_email", "support_phone", "url")
    ) | (params.get("business_profile") or {})
    account = shaped(
        "account",
        {
            "id": account_id,
            "object": "account",
            "business_profile": business_profile,
            "business_type": params.get("business_type"),
            "capabilities": dict.fromkeys(requested, "inactive"),
            "charges_enabled": False,
            "controller": {
                "fees": {"payer": "application"},
                "is_controller": True,
                "losses": {"payments": "application"},
                "requirement_collection": "stripe",
                "stripe_dashboard": {
                    "type": account_type if account_type != "standard" else "full"
                },
                "type": "application",
            },
            "country": country,
            "created": int(time.time()),
            "default_currency": params.get("default_currency") or CURRENCIES.get(country, "eur"),
            "details_submitted": False,
            "email": params.get("email"),
            "external_accounts": {
                "object": "list",
                "data": [],
                "has_more": False,
                "url": f"/v1/accounts/{account_id}/external_accounts",
            },
            "future_requirements": _requirements([]),
            "metadata": params.get("metadata") or {},
            "payouts_enabled": False,
            "requirements": _requirements(ONBOARDING_DUE),
            "settings": {
                "dashboard": {"display_name": None, "timezone": "Etc/UTC"},
                "payouts": {
                    "debit_negative_balances": True,
                    "schedule": {"delay_days": 2, "interval": "daily"},
                    "statement_descriptor": None,
                },
            },
            "tos_acceptance": {"date": None, "ip": None, "user_agent": None},
            "type": account_type,
        },
    )
    standin.accounts[account_id] = account
    return web.json_response(account)


def _account(request: web.Request, account_id: str, param: str = "id") -> dict[str, Any]:
    account = standin_of(request).accounts.get(account_id)
    if account is None:
        # Stripe names a missing destination "destination", not "account".
        raise resource_missing(
            "destination" if param == "destination" else "account", account_id, param
        )
    return account


async def get_account(request: web.Request) -> web.Response:
    return web.json_response(_account(request, request.match_info["id"]))


async def update_account(request: web.Request) -> web.Response:
    account = _account(request, request.match_info["id"])
    params = await read_params(request, {"email", "metadata", "business_profile"})
    previous = {name: copy.deepcopy(account[name]) for name in params}
    for name in ("metadata", "business_profile"):
        if name in params:
            params[name] = account[name] | params[name]
    account.update(params)
    standin_of(request).bus.emit(
        "account.updated", account, account=account["id"], previous_attributes=previous
    )
    return web.json_response(account)


async def create_account_link(request: web.Request) -> web.Response:
    standin = standin_of(request)
    params = await read_params(request, {"account", "refresh_url", "return_url", "type", "collect"})
    require(params, "account", "type")
    account = _account(request, params["account"], "account")
    if params["type"] not in ("account_onboarding", "account_update"):
        raise StripeError(f"Invalid type: {params['type']}", param="type")
    if params["type"] == "account_onboarding":
        require(params, "refresh_url", "return_url")
    token = new_id("", 12)
    created = int(time.time())
    standin.account_links[token] = {
        "account": account["id"],
        "refresh_url": params.get("refresh_url"),
        "return_url": params.get("return_url"),
        "expires_at": created + 300,
    }
    link = shaped(
        "account_link",
        {
            "object": "account_link",
            "created": created,
            "expires_at": created + 300,
            "url": f"{base_url(request)}/connect/onboarding/{account['id']}?link={token}",
        },
    )
    return web.json_response(link)


def _link_for(request: web.Request, token: str) -> dict[str, Any] | None:
    link = standin_of(request).account_links.get(token)
    if link is None or link["account"] != request.match_info["account_id"]:
        return None
    return link


async def onboarding_page(request: web.Request) -> web.Response:
    token = request.query.get("link", "")
    link = _link_for(request, token)
    if link is None:
        return pages.message_page("Link not valid", "This onboarding link is unknown.", status=404)
    if link["expires_at"] < time.time():
        # As on Stripe, an expired link sends the person to refresh_url for a fresh one.
        raise web.HTTPSeeOther(link["refresh_url"])
    return pages.onboarding_page(standin_of(request).accounts[link["account"]], token)


async def onboarding_complete(request: web.Request) -> web.Response:
    """The "Complete onboarding" button: enable the account and tell the Connect endpoints."""
    standin = standin_of(request)
    link = _link_for(request, str((await request.post()).get("link", "")))
    if link is None:
        return pages.message_page("Link not valid", "This onboarding link is unknown.", status=404)
    account = standin.accounts[link["account"]]
    fields = ("capabilities", "charges_enabled", "details_submitted", "payouts_enabled")
    previous = {name: copy.deepcopy(account[name]) for name in (*fields, "requirements")}
    account.update(
        capabilities=dict.fromkeys(account["capabilities"] or {"transfers": None}, "active"),
        charges_enabled=True,
        details_submitted=True,
        payouts_enabled=True,
        requirements=_requirements([]),
        tos_acceptance={"date": int(time.time()), "ip": request.remote, "user_agent": None},
    )
    standin.bus.emit(
        "account.updated", account, account=account["id"], previous_attributes=previous
    )
    raise web.HTTPSeeOther(link["return_url"])


TRANSFER_PARAMS = {
    "amount",
    "currency",
    "destination",
    "transfer_group",
    "source_transaction",
    "metadata",
    "description",
}


async def create_transfer(request: web.Request) -> web.Response:
    standin = standin_of(request)
    params = await read_params(request, TRANSFER_PARAMS)
    require(params, "amount", "currency", "destination")
    amount = as_int(params, "amount", 0)
    if amount <= 0:
        raise StripeError("Amount must be greater than zero.", param="amount")
    destination = _account(request, params["destination"], "destination")
    if destination["capabilities"].get("transfers") != "active":
        raise StripeError(
            TRANSFERS_DISABLED, code="insufficient_capabilities_for_transfer", param="destination"
        )
    source = params.get("source_transaction")
    if source is not None:
        try:
            Charge._api_retrieve(source)
        except UserError as exc:
            raise resource_missing("charge", source, "source_transaction") from exc
    transfer_id = new_id("tr_")
    transfer = shaped(
        "transfer",
        {
            "id": transfer_id,
            "object": "transfer",
            "amount": amount,
            "amount_reversed": 0,
            "balance_transaction": new_id("txn_"),
            "created": int(time.time()),
            "currency": params["currency"].lower(),
            "description": params.get("description"),
            "destination": destination["id"],
            "destination_payment": new_id("py_", 14),
            "livemode": False,
            "metadata": params.get("metadata") or {},
            "reversals": {
                "object": "list",
                "data": [],
                "has_more": False,
                "url": f"/v1/transfers/{transfer_id}/reversals",
            },
            "reversed": False,
            "source_transaction": source,
            "source_type": "card",
            "transfer_group": params.get("transfer_group"),
        },
    )
    standin.transfers[transfer_id] = transfer
    standin.bus.emit("transfer.created", transfer)
    return web.json_response(transfer)


def _transfer(request: web.Request) -> dict[str, Any]:
    transfer = standin_of(request).transfers.get(request.match_info["id"])
    if transfer is None:
        raise resource_missing("transfer", request.match_info["id"])
    return transfer


async def get_transfer(request: web.Request) -> web.Response:
    return web.json_response(_transfer(request))


async def list_transfers(request: web.Request) -> web.Response:
    params = query_params(request)
    items = list(standin_of(request).transfers.values())[::-1]
    for name in ("transfer_group", "destination"):
        if params.get(name):
            items = [item for item in items if item[name] == params[name]]
    return web.json_response(paginate(items, "/v1/transfers", params))


async def create_reversal(request: web.Request) -> web.Response:
    standin = standin_of(request)
    transfer = _transfer(request)
    params = await read_params(request, {"amount", "metadata", "description"})
    remaining = transfer["amount"] - transfer["amount_reversed"]
    amount = as_int(params, "amount", remaining)
    if not 0 < amount <= remaining:
        raise StripeError(
            f"You cannot reverse {amount}; {remaining} remains on transfer {transfer['id']}.",
            param="amount",
        )
    reversal = shaped(
        "transfer_reversal",
        {
            "id": new_id("trr_"),
            "object": "transfer_reversal",
            "amount": amount,
            "balance_transaction": new_id("txn_"),
            "created": int(time.time()),
            "currency": transfer["currency"],
            "destination_payment_refund": new_id("pyr_", 14),
            "metadata": params.get("metadata") or {},
            "source_refund": None,
            "transfer": transfer["id"],
        },
    )
    transfer["amount_reversed"] += amount
    transfer["reversed"] = transfer["amount_reversed"] == transfer["amount"]
    transfer["reversals"]["data"].insert(0, reversal)
    standin.bus.emit("transfer.reversed", transfer)
    return web.json_response(reversal)


async def list_reversals(request: web.Request) -> web.Response:
    transfer = _transfer(request)
    reversals = transfer["reversals"]
    return web.json_response(paginate(reversals["data"], reversals["url"], query_params(request)))
