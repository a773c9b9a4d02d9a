"""Shared fixtures for the whole suite."""

import pytest
from rest_framework.test import APIClient

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
