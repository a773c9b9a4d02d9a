"""Production settings refuse to start unsafe, and pass Django's deployment checks.

Two runs of `manage.py check` in a fresh process (production passes every deployment check;
debug starts without a secret); the other cases import the settings afresh in this process
under the environment they name (as a new process does) and run our deployment checks on
them: a fresh interpreter each would cost seconds apiece.
"""

import importlib
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import marketplace
from marketplace.checks import PRODUCTION

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


def settings_under(env: dict[str, str]) -> dict[str, Any]:
    """The settings `marketplace.settings` makes from `env` alone, imported afresh.

    The modules already imported (this run's own settings) are put back afterwards."""
    ours = "marketplace.settings"
    saved = {n: m for n, m in sys.modules.items() if n == ours or n.startswith(ours + ".")}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
    try:
        for name in saved:
            del sys.modules[name]
        with mock.patch.dict(os.environ, {**clean, **env}, clear=True):
            module = importlib.import_module(ours)
        return {name: getattr(module, name) for name in dir(module) if name.isupper()}
    finally:
        for name in [n for n in sys.modules if n == ours or n.startswith(ours + ".")]:
            del sys.modules[name]
        sys.modules.update(saved)
        marketplace.settings = saved[ours]


def deploy_warnings(env: dict[str, str]) -> list[str]:
    """Our deployment checks (`check --deploy`, tag "production") on the settings of `env`."""
    values = settings_under(env)
    read = ("DATABASES", "CACHES", "STORAGES", "TASKS", "MAILERS", "STRIPE_WEBHOOK_SECRET")
    read += ("STRIPE_CONNECT_WEBHOOK_SECRET",)
    # Django warns that DATABASES is not meant to be overridden; the checks only read it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with override_settings(**{k: values[k] for k in read}):
            found = run_checks(tags=[PRODUCTION], include_deployment_checks=True)
    return [f"{message.id}: {message.msg}" for message in found]


def test_production_without_secret_key_refuses_to_start():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        settings_under(env)


def test_production_variables_raise_no_warning_of_ours():
    assert deploy_warnings(PRODUCTION_ENV) == []


def test_deploy_checks_pass_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_mode_runs_without_secret_key():
    result = run_manage("check", env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_hsts_preload_is_opt_in():
    by_default = settings_under(PRODUCTION_ENV)
    opted_in = settings_under({**PRODUCTION_ENV, "DJANGO_SECURE_HSTS_PRELOAD": "1"})
    assert by_default["SECURE_HSTS_PRELOAD"] is False
    assert opted_in["SECURE_HSTS_PRELOAD"] is True


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
    found = deploy_warnings(env)
    # Only the wrong setting is reported (any warning fails `check --fail-level WARNING`).
    assert len(found) == 1, found
    assert found[0].startswith(code) and words in found[0], found
