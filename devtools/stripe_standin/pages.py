"""The two hosted pages Stripe would show: Checkout's pay page and Connect onboarding.

Plain, accessible HTML (landmarks, labels, real buttons, visible focus) so browser tests can
click through them like a person would.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiohttp import web

_CSS = """
body{font-family:system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.5rem;
box-shadow:0 1px 3px #0003}
h1{font-size:1.4rem;margin-top:0}.amount{font-size:2rem;font-weight:600;margin:.5rem 0 1rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input,select{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1.25rem;width:100%;padding:.75rem;font-size:1rem;font-weight:600;color:#fff;
background:#4f46e5;border:0;border-radius:.375rem;cursor:pointer}
a{color:#3730a3}:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.note{color:#4b5563;font-size:.9rem}.error{color:#b91c1c;font-weight:600}
"""


def page(title: str, body: str, *, status: int = 200) -> web.Response:
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    return web.Response(text=html, status=status, content_type="text/html")


def format_amount(amount: int, currency: str) -> str:
    return f"{amount / 100:,.2f} {currency.upper()}"


def checkout_page(
    session: dict[str, Any], line_items: list[dict[str, Any]], *, error: str | None = None
) -> web.Response:
    names = ", ".join(item["name"] for item in line_items)
    email = session["customer_email"] or ""
    error_html = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    body = f"""
<h1>Pay {escape(names)}</h1>
<p class="amount">{format_amount(session["amount_total"], session["currency"])}</p>
{error_html}
<form method="post" action="/checkout/{escape(session["id"])}/pay">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" value="{escape(email)}" required>
  <label for="card">Test card</label>
  <select id="card" name="card">
    <option value="pm_card_visa">Visa 4242 4242 4242 4242 (succeeds)</option>
    <option value="pm_card_chargeCustomerFail">Visa 4000 0000 0000 0341 (declined)</option>
  </select>
  <p class="note">Test mode: this is a local Stripe stand-in; no real card is charged.</p>
  <button type="submit">Pay</button>
</form>
<p><a href="{escape(session["cancel_url"] or "/")}">Cancel</a></p>"""
    return page(f"Pay {names}", body, status=402 if error else 200)


def onboarding_page(account: dict[str, Any], link_token: str) -> web.Response:
    body = f"""
<h1>Set up payouts</h1>
<p>Connected account <code>{escape(account["id"])}</code>{
        f" for {escape(account['email'])}" if account["email"] else ""
    }.</p>
<p class="note">Test mode: onboarding is simulated by a local Stripe stand-in.</p>
<form method="post" action="/connect/onboarding/{escape(account["id"])}">
  <input type="hidden" name="link" value="{escape(link_token)}">
  <button type="submit">Complete onboarding</button>
</form>"""
    return page("Set up payouts", body)


def message_page(title: str, message: str, *, status: int) -> web.Response:
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p>", status=status)
