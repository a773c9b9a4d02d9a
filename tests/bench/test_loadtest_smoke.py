"""`make loadtest` still runs: its load seeder at the tiny size, a few seconds of its locust file
against a live server, and its check that no write was lost — each the script `make loadtest`
runs, on the test database. Not a measurement (`make loadtest` measures, on the topology)."""

import importlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import connection

from accounts.models import Skill
from bench.loadtest import LOCUST, _stats

ROOT = Path(__file__).resolve().parents[2]
USERS = 3

# The scripts see only committed rows, so the test commits (a transactional test).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _starter_catalogue(transactional_db):
    """The generator needs the skill catalogue the migrations load, which an earlier
    transactional test may have flushed: load it again with the migrations' own functions.
    (Not a serialized rollback: after another test's flush has re-created the content types in
    another order, restoring the serialized ones collides with them.)"""
    if not Skill.objects.filter(family="python-data").exists():
        importlib.import_module("accounts.migrations.0004_seed_skill_catalogue").seed(apps, None)
        importlib.import_module(
            "accounts.migrations.0007_skill_aliases_and_preferences"
        ).load_spelling_keys_aliases_families(apps, None)


def _database_url() -> str:
    """The test database, for the scripts (they run in processes of their own)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _run(args: list[str], env: dict[str, str], timeout: float) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def test_the_load_seeder_locust_file_and_loss_check_run_at_the_tiny_size(live_server, tmp_path):
    env = {**os.environ, "DATABASE_URL": _database_url()}
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    seed, results = tmp_path / "seed.json", tmp_path / "steady-writes.json"
    _run([sys.executable, "bench/loadseed.py", str(seed), "--users", str(USERS), "--size", "tiny"],
         env, timeout=120)  # fmt: skip
    since = datetime.now(UTC).isoformat()

    _run(
        [LOCUST, "-f", "bench/locustfile.py", "--headless", "-u", str(USERS), "-r", str(USERS),
         "-t", "6s", "--host", live_server.url, "--csv", str(tmp_path / "steady"),
         "--only-summary", "--stop-timeout", "5", "--loglevel", "WARNING"],
        {**env, "LOAD_SEED": str(seed), "LOAD_PHASE": "steady", "LOAD_RESULTS": str(results),
         # Every kind of request, quickly: a few seconds make each of them several times.
         "LOAD_MIX": "browse=1,search=1,detail=1,apply=1,message=1", "LOAD_WAIT": "0.05,0.1"},
        timeout=60,
    )  # fmt: skip
    lost = json.loads(
        _run([sys.executable, "bench/loadverify.py", str(results), since], env, timeout=60)
        .strip()
        .splitlines()[-1]
    )

    stats, writes = _stats(tmp_path / "steady"), json.loads(results.read_text())
    assert writes["failures"] == []
    assert {"browse", "search", "task detail", "apply", "message"} <= set(stats)
    assert stats["Aggregated"]["failures"] == 0
    assert writes["applications"] and writes["messages"]
    assert lost["applies_ok"] == len(writes["applications"])
    assert lost["applies_missing"] == lost["messages_missing"] == 0
    assert lost["duplicate_applications"] == 0
