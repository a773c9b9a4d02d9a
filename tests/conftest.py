"""Shared fixtures for the whole suite."""

import importlib
from collections.abc import Iterator

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from devtools.stripe_standin import StandinServer, start_in_thread
from tests.db_template import django_db_keepdb, django_db_setup  # noqa: F401 (fixtures)
from tests.factories import UserFactory


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres_only (row locks, real concurrency) run in the PostgreSQL pass of
    `make test`; on SQLite they are deselected, and the run says so, rather than skipped. Tests
    that cannot open the database run in the SQLite pass only (`_never_opens_the_database`)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        _deselect(config, items, _never_opens_the_database)
    else:
        _deselect(config, items, lambda item: item.get_closest_marker("postgres_only"))


# What migrate made once and Django's flush would make again, row for row, after every
# transactional test (each browser test, the Stripe, live-server and concurrency tests): the
# content types and permissions, which the post_migrate signal re-creates (on SQLite 49 ms of
# CPU a flush, against 3 ms without). Those two tables are kept, and the signal (whose only
# receivers make them) is not sent; every other table is emptied as before.
_FLUSH_KEEPS = frozenset({"django_content_type", "auth_permission"})


def _sql_flush_keeping(style, connection, reset_sequences=True, allow_cascade=False):
    tables = [
        table
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if table not in _FLUSH_KEEPS
    ]
    return connection.ops.sql_flush(
        style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
    )


@pytest.fixture(autouse=True, scope="session")
def _flush_keeps_content_types() -> Iterator[None]:
    from django.core.management.commands import flush

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "sql_flush", _sql_flush_keeping)
        patch.setattr(flush, "emit_post_migrate_signal", lambda *args, **kwargs: None)
        yield


# What lets a test open the database; pytest-django refuses every query of a test with none.
_DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "demo_seeded",
    }
)


def _never_opens_the_database(item) -> bool:
    """A test that cannot reach the database (no django_db mark, no database fixture: pytest-django
    refuses any query it makes) passes or fails alike on SQLite and PostgreSQL, so the
    PostgreSQL pass of `make test` leaves it to the SQLite pass (static checks of pages and
    scripts, settings, the Stripe stand-in: about 320 tests). postgres_only and prodlike tests
    stay, whatever they use."""
    if any(item.get_closest_marker(m) for m in ("django_db", "postgres_only", "prodlike")):
        return False
    return not _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))


def _deselect(config, items, leave_out) -> None:
    deselected = [item for item in items if leave_out(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not leave_out(item)]


@pytest.fixture
def starter_catalogue(db) -> None:
    """The migrations' starter skill catalogue, families and aliases, for a test that reads
    them. A transactional test (browser, topology, fuzz) ends with a flush, which empties the
    tables the migrations filled, and work stealing can run one before this test on its
    worker: load them again, with the migrations' own functions, when they are gone (inside
    this test's transaction)."""
    from accounts.models import Skill

    if not Skill.objects.filter(family="python-data").exists():
        importlib.import_module("accounts.migrations.0004_seed_skill_catalogue").seed(apps, None)
        importlib.import_module(
            "accounts.migrations.0007_skill_aliases_and_preferences"
        ).load_spelling_keys_aliases_families(apps, None)


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
