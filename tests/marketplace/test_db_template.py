"""The migrated SQLite template the test processes copy (tests/db_template.py) is named by all
that makes the schema and the seeded rows: a changed migration can never reuse a stale one."""

from pathlib import Path

from tests.db_template import ROOT, template_sources

# The data migrations' own inputs: the seeded skill catalogue, families and aliases.
DATA_MIGRATION_INPUTS = {
    "accounts/skill_catalogue.py",
    "accounts/skill_families.py",
    "accounts/skill_keys.py",
}


def _named(paths: list[Path]) -> set[str]:
    return {str(path.relative_to(ROOT)) for path in paths}


def test_the_template_name_covers_every_migration_of_every_app():
    sources = _named(template_sources())
    on_disk = {
        str(path.relative_to(ROOT))
        for package in ("accounts", "projects", "marketplace", "frontend")
        for path in (ROOT / package).rglob("migrations/*.py")
    }
    assert on_disk and on_disk <= sources
    # Every app with models has its migrations counted, the nested ones (stipends, careers) too.
    assert {"accounts", "projects", "stipends", "careers"} <= {
        Path(name).parent.parent.name for name in on_disk
    }


def test_the_template_name_covers_what_the_data_migrations_import():
    assert _named(template_sources()) >= DATA_MIGRATION_INPUTS
