"""Settings for benchmark runs: the test environment defaults, the bench URLs (floors and a
trivial view beside the product's), and no API throttling.

Throttling is off, not just raised: DRF's throttles keep every request's timestamp of the window
in one cache entry, so a raised rate made each request pickle a list growing by thousands a
minute (wrk's browse fell to 3 % of the trivial view). In production the list is bounded by the
rate (600/minute), a cache read and write per request."""

from tests.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_CLASSES": [],
}
# The careers API throttles per key with its own class (not a default one): no limit either.
CAREERS_API_KEY_THROTTLE = None
