"""An offline stand-in for Stripe, for development and tests only.

localstripe (GPL-3.0, dev/test dependency) serves customers, payment intents, charges and refunds;
this package adds what Slipstream also needs: Checkout Sessions with a hosted pay page, Connect
accounts with account links and a hosted onboarding page, transfers and reversals, refund and
dispute events, an event list, and signed webhook delivery to platform and Connect endpoints.
Objects follow the shapes of Stripe's published examples (fixtures3.json).
"""

import warnings

# localstripe registers plain-function handlers, which aiohttp deprecates at import time; the
# stand-in wraps each of them in a coroutine, so the warning is noise for its users.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import localstripe.server  # noqa: F401

from .app import build_app
from .server import StandinServer, start_in_thread

__all__ = ["StandinServer", "build_app", "start_in_thread"]
