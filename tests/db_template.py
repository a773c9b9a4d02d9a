"""A migrated SQLite test database, built once and copied, instead of migrating in every process.

Migrating from nothing costs about 9 s of CPU per test process (86 migrations, each rendering
the model states), and `make check` starts one process per xdist worker on every run. The first
process to migrate saves the fresh database as a template named by a hash of everything the
migrations are made of (every migration file, the project modules they import, Django's version,
the secret key a data migration signs with); a later process or run with the same hash copies
the template and lets Django's `migrate` confirm that nothing is left to apply. Any change to a
migration, or to what it imports, names a new template, so a stale schema is never reused.

Only SQLite (the `make check` and SQLite passes); PostgreSQL is created and migrated as before.
"""

import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import django
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("accounts", "projects", "marketplace", "frontend")
TEMPLATE_PREFIX = "test-db-template-"
# Set when this process's database is a copy of the template (nothing to save afterwards).
_FROM_TEMPLATE = pytest.StashKey[bool]()
_PROJECT_IMPORT = re.compile(
    rf"^(?:from|import)\s+((?:{'|'.join(PACKAGES)})(?:\.\w+)*)", re.MULTILINE
)


def _module_file(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def template_sources() -> list[Path]:
    """Every migration file and every project module one imports (data migrations read them)."""
    migrations = sorted(
        path for package in PACKAGES for path in (ROOT / package).rglob("migrations/*.py")
    )
    sources = set(migrations)
    for path in migrations:
        for module in _PROJECT_IMPORT.findall(path.read_text()):
            found = _module_file(module)
            if found is not None:
                sources.add(found)
                if found.name == "__init__.py":  # a package re-exporting its modules' names
                    sources.update(found.parent.glob("*.py"))
    return sorted(sources)


def _migrations_hash() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    digest.update(settings.SECRET_KEY.encode())
    for path in template_sources():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _sqlite_test_path() -> Path | None:
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        return None
    name = database.get("TEST", {}).get("NAME")
    return Path(name) if name else None


def _template_path() -> Path:
    return ROOT / f"{TEMPLATE_PREFIX}{_migrations_hash()}.sqlite3"


@pytest.fixture(scope="session")
def django_db_keepdb(
    request: pytest.FixtureRequest,
    django_db_modify_db_settings: None,  # the xdist suffix first: it names this process's file
    django_db_keepdb: bool,
) -> bool:
    """Start from the template when there is one: Django then keeps the copy and only checks it."""
    test_path = _sqlite_test_path()
    if test_path is None or django_db_keepdb or request.config.getvalue("create_db"):
        return django_db_keepdb
    template = _template_path()
    if not template.is_file():
        return False
    for stale in (test_path, *(Path(f"{test_path}{end}") for end in ("-journal", "-wal", "-shm"))):
        stale.unlink(missing_ok=True)
    shutil.copyfile(template, test_path)
    request.config.stash[_FROM_TEMPLATE] = True
    return True


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker
) -> Iterator[None]:
    """After a migration from nothing, save the fresh database (before any test writes to it)."""
    test_path = _sqlite_test_path()
    if test_path is not None and not request.config.stash.get(_FROM_TEMPLATE, False):
        template = _template_path()
        if not template.is_file() and test_path.is_file():
            from django.db import connections

            with django_db_blocker.unblock():
                # Everything written moves from the write-ahead log into the file copied.
                with connections["default"].cursor() as cursor:
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                connections["default"].close()
            # Written under a name of this process's own, then renamed: workers racing to save
            # the same template never leave a half-copied one.
            partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
            shutil.copyfile(test_path, partial)
            os.replace(partial, template)
            for old in ROOT.glob(f"{TEMPLATE_PREFIX}*.sqlite3"):
                if old != template:
                    old.unlink(missing_ok=True)
    yield
