"""Shared fixtures for the whole suite."""

from collections.abc import Iterator

import pytest
from rest_framework.test import APIClient

from devtools.stripe_standin import StandinServer, start_in_thread
from tests.db_template import django_db_keepdb, django_db_setup  # noqa: F401 (fixtures)
from tests.factories import UserFactory


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres_only (row locks, real concurrency) run in the PostgreSQL pass of
    `make test`; on SQLite they are deselected, and the run says so, rather than skipped."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    deselected = [item for item in items if item.get_closest_marker("postgres_only")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def auth_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle and rate-limit counters live in the cache: start every test from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def standin() -> Iterator[StandinServer]:
    """The local Stripe stand-in, one per test process (localstripe's store is global)."""
    server = start_in_thread()
    yield server
    server.stop()


@pytest.fixture
def stripe_standin_settings(settings, standin: StandinServer) -> StandinServer:
    """Point the product's Stripe client at a freshly reset stand-in."""
    standin.reset()
    settings.STRIPE_SECRET_KEY = "sk_test_slipstream"
    settings.STRIPE_API_BASE = standin.base_url
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_platform_endpoint"
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_test_connect_endpoint"
    return standin


@pytest.fixture(scope="module")
def demo_seeded(request, django_db_blocker) -> Iterator[None]:
    """The demo data of `make run` (`manage.py seed_demo`, run twice: a second start adds
    nothing), made once per test module instead of twice per test (each seeding costs seconds).
    It lives in a transaction rolled back after the module; each test still runs in its own
    savepoint (mark it django_db), so what one test changes the next never sees."""
    from django.core.management import call_command
    from django.db import transaction

    request.getfixturevalue("django_db_setup")  # the test database (not imported by name here)
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo")
        call_command("seed_demo")
        yield
        transaction.set_rollback(True)
