"""Production settings refuse to start unsafe, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A production environment with every shared service named (nothing is contacted by `check`).
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
    "DJANGO_ALLOWED_HOSTS": "slipstream.example.org",
    "SITE_URL": "https://slipstream.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "DATABASE_URL": "postgres://slipstream:secret@db.example.org:5432/slipstream",
    "CACHE_URL": "redis://cache.example.org:6379/0",
    "STORAGE_URL": "s3://slipstream-uploads",
    "TASKS_BACKEND": "database",
    "STRIPE_SECRET_KEY": "sk_live_example",
    "STRIPE_WEBHOOK_SECRET": "whsec_platform",
    "STRIPE_CONNECT_WEBHOOK_SECRET": "whsec_connect",
}
_OURS = ("DJANGO_", "SITE_URL", "EMAIL_URL", "DATABASE_URL", "CACHE_URL", "STORAGE_URL")
_OURS += ("TASKS_BACKEND", "STRIPE_")


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_deploy_checks_pass_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_mode_runs_without_secret_key():
    result = run_manage("check", env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_hsts_preload_is_opt_in():
    show = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    by_default = run_manage("shell", "--no-imports", "-c", show, env=PRODUCTION_ENV)
    opted_in = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        env={**PRODUCTION_ENV, "DJANGO_SECURE_HSTS_PRELOAD": "1"},
    )
    assert by_default.stdout.strip() == "False", by_default.stderr
    assert opted_in.stdout.strip() == "True", opted_in.stderr


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        ({"DATABASE_URL": None}, "slipstream.W001", "SQLite"),
        ({"CACHE_URL": None}, "slipstream.W002", "one process"),
        ({"STORAGE_URL": None}, "slipstream.W003", "this machine's disk"),
        ({"TASKS_BACKEND": "immediate"}, "slipstream.W004", "inside the web request"),
        ({"EMAIL_URL": None}, "slipstream.W005", "delivers nothing"),
        ({"STRIPE_WEBHOOK_SECRET": None}, "slipstream.W006", "STRIPE_WEBHOOK_SECRET"),
        ({"STRIPE_CONNECT_WEBHOOK_SECRET": None}, "slipstream.W006", "CONNECT_WEBHOOK"),
    ],
)
def test_deploy_checks_refuse_each_wrong_production_setting(change, code, words):
    env = {**PRODUCTION_ENV, **{k: v for k, v in change.items() if v is not None}}
    env = {k: v for k, v in env.items() if change.get(k, "") is not None}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert code in output and words in output, output
    # Only the wrong setting is reported.
    assert output.count("slipstream.W") == 1, output
