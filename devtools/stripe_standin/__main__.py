"""Command line: ``python -m devtools.stripe_standin --port 12111 --webhook URL=SECRET``."""

from __future__ import annotations

import argparse
import logging

from .events import Webhook
from .server import ensure_loopback, run_forever


def _endpoint(value: str) -> tuple[str, str]:
    url, sep, secret = value.rpartition("=")
    if not sep or not url.startswith(("http://", "https://")) or not secret:
        raise argparse.ArgumentTypeError(
            "expected URL=SECRET, e.g. http://127.0.0.1:8000/hook=whsec_x"
        )
    return url, secret


def _loopback(value: str) -> str:
    try:
        ensure_loopback(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.stripe_standin",
        description="Offline Stripe stand-in (localstripe + Checkout, Connect, transfers).",
    )
    parser.add_argument("--host", type=_loopback, default="127.0.0.1", help="loopback only")
    parser.add_argument("--port", type=int, default=12111)
    parser.add_argument(
        "--webhook",
        type=_endpoint,
        action="append",
        default=[],
        metavar="URL=SECRET",
        help="endpoint for platform events (repeatable)",
    )
    parser.add_argument(
        "--connect-webhook",
        type=_endpoint,
        action="append",
        default=[],
        metavar="URL=SECRET",
        help="endpoint for connected accounts' events (repeatable)",
    )
    args = parser.parse_args(argv)
    hooks = [Webhook(url, secret, False, permanent=True) for url, secret in args.webhook]
    hooks += [Webhook(url, secret, True, permanent=True) for url, secret in args.connect_webhook]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    print(f"Stripe stand-in on http://{args.host}:{args.port} (test keys only)", flush=True)
    run_forever(args.host, args.port, hooks)


if __name__ == "__main__":
    main()
