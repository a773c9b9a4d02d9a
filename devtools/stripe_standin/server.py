"""Running the stand-in: in a background thread (tests, ``make run``) or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from aiohttp import web

from .app import build_app
from .events import Webhook
from .state import Standin


def ensure_loopback(host: str) -> None:
    """The stand-in accepts any API key, so it must never be reachable from another machine."""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise ValueError(f"stripe stand-in binds loopback addresses only, not {host!r}")


def _bind(host: str, port: int) -> socket.socket:
    ensure_loopback(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


class StandinServer:
    """A stand-in running on its own event loop in a daemon thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._sock = _bind(host, port)
        bound_host, bound_port = self._sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.base_url = f"http://{shown}:{bound_port}"
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="stripe-standin", daemon=True)

    def start(self) -> StandinServer:
        self._thread.start()
        self._ready.wait(timeout=10)
        if self._error is not None:
            raise RuntimeError("stripe stand-in failed to start") from self._error
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._runner = web.AppRunner(build_app(), access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            site = web.SockSite(self._runner, self._sock)
            self._loop.run_until_complete(site.start())
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)

    def _call(self, method: str, path: str, form: dict[str, str] | None = None) -> Any:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        # Always the stand-in's own http:// URL, never user input.
        request = urllib.request.Request(self.base_url + path, data=data, method=method)  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read())

    def reset(self, *, keep_webhooks: bool = False) -> None:
        """Forget everything (after finishing pending deliveries), localstripe's data included."""
        suffix = "?keep_webhooks=true" if keep_webhooks else ""
        self._call("DELETE", "/_standin/data" + suffix)

    def add_webhook(self, url: str, secret: str, connect: bool = False) -> None:
        """Deliver platform events (with ``connect=True``: connected accounts' events) to url."""
        self._call(
            "POST", "/_standin/webhooks", {"url": url, "secret": secret, "connect": str(connect)}
        )

    def hold_deliveries(self) -> None:
        """Queue webhook deliveries instead of sending them, until the next flush()."""
        self._call("POST", "/_standin/hold", {})

    def flush(self) -> list[dict[str, Any]]:
        """Deliver queued events (ending a hold) and wait for them; return the deliveries not
        returned by an earlier flush."""
        return self._call("POST", "/_standin/flush", {})["data"]

    def deliveries(self) -> list[dict[str, Any]]:
        return self._call("GET", "/_standin/deliveries")["data"]

    def pay_checkout(self, session_url: str, *, card: str = "pm_card_visa") -> str:
        """Press Pay on a session's hosted page; return where the customer is redirected."""
        return self._press(f"{session_url}/pay", {"email": "customer@example.com", "card": card})

    def complete_onboarding(self, account_link_url: str) -> str:
        """Press "Complete onboarding" on an account link's page; return the redirect target."""
        page, _, query = account_link_url.partition("?")
        return self._press(page, {"link": urllib.parse.parse_qs(query)["link"][0]})

    def create_dispute(self, charge_id: str, *, reason: str = "fraudulent") -> dict[str, Any]:
        """The card holder disputes a charge (sends charge.dispute.created)."""
        return self._call("POST", f"/_standin/charges/{charge_id}/dispute", {"reason": reason})

    def close_dispute(self, dispute_id: str, status: str) -> dict[str, Any]:
        """The bank decides: ``status`` is won or lost (sends charge.dispute.closed)."""
        return self._call("POST", f"/_standin/disputes/{dispute_id}/close", {"status": status})

    def _press(self, url: str, form: dict[str, str]) -> str:
        if not url.startswith(self.base_url + "/"):
            raise ValueError(f"{url} is not a page of this stand-in")
        data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(url, data=data, method="POST")  # noqa: S310
        try:
            with _NO_REDIRECTS.open(request, timeout=30) as response:
                body = response.read().decode()
        except urllib.error.HTTPError as error:
            if error.code == 303:
                return error.headers["Location"]
            body = error.read().decode()
        raise RuntimeError(f"expected a redirect from {url}, got: {body[:300]}")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the caller wants the Location, not the (unreachable) target page


_NO_REDIRECTS = urllib.request.build_opener(_KeepRedirects)


def start_in_thread(host: str = "127.0.0.1", port: int = 0) -> StandinServer:
    """Start a stand-in in a daemon thread; ``port=0`` picks a free port (see ``.base_url``)."""
    return StandinServer(host, port).start()


def run_forever(host: str, port: int, webhooks: list[Webhook]) -> None:
    """Serve in the foreground until interrupted; ``webhooks`` survive resets."""
    standin = Standin()
    standin.bus.webhooks.extend(webhooks)
    sock = _bind(host, port)
    web.run_app(build_app(standin), sock=sock, print=lambda message: None)
