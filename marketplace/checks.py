"""Deployment checks: `manage.py check --deploy --fail-level WARNING` refuses a production that
would keep state on one box or quietly drop work.

Each check reads settings only (the kernel imports no app). They run with `--deploy` alone, so
`make run` and the tests, which use the embedded defaults on purpose, are not affected.
"""

from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Backends that keep their state inside one process or on one machine's disk.
_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}
_LOCAL_STORAGES = {"django.core.files.storage.FileSystemStorage"}
_IN_PROCESS_TASKS = {
    "django.tasks.backends.immediate.ImmediateBackend",
    "django.tasks.backends.dummy.DummyBackend",
}
# E-mail backends that never deliver anything.
_UNDELIVERED_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
PRODUCTION = "production"


def _backends(setting: Any) -> Iterable[tuple[str, str]]:
    for alias, config in (setting or {}).items():
        yield alias, config.get("BACKEND", "") if isinstance(config, dict) else ""


@register(PRODUCTION, deploy=True)
def check_database(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return [
            Warning(
                "Production would run on SQLite: one file on one machine, one writer at a time.",
                hint="Set DATABASE_URL=postgres://user:password@host:5432/slipstream.",
                id="slipstream.W001",
            )
        ]
    return []


@register(Tags.caches, PRODUCTION, deploy=True)
def check_cache(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    return [
        Warning(
            f"The '{alias}' cache ({backend.rsplit('.', 1)[-1]}) lives in one process: throttles "
            "and rate limits would be counted per app server, and reset on every restart.",
            hint="Set CACHE_URL=redis://host:6379/0.",
            id="slipstream.W002",
        )
        for alias, backend in _backends(settings.CACHES)
        if backend in _LOCAL_CACHES
    ]


@register(PRODUCTION, deploy=True)
def check_media_storage(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    storages = cast(dict[str, dict[str, Any]], settings.STORAGES)
    backend = storages.get("default", {}).get("BACKEND", "")
    if backend in _LOCAL_STORAGES:
        return [
            Warning(
                "Uploads would be written to this machine's disk: other app servers could not "
                "serve them, and a replaced machine loses them.",
                hint="Set STORAGE_URL=s3://<bucket> (and AWS_S3_ENDPOINT_URL for non-AWS stores).",
                id="slipstream.W003",
            )
        ]
    return []


@register(PRODUCTION, deploy=True)
def check_tasks_backend(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    return [
        Warning(
            f"The '{alias}' task backend runs tasks inside the web request (or drops them): "
            "e-mails and Stripe calls would slow requests and be lost on a crash.",
            hint="Set TASKS_BACKEND=database and run `manage.py db_worker` beside the web servers.",
            id="slipstream.W004",
        )
        for alias, backend in _backends(getattr(settings, "TASKS", {}))
        if backend in _IN_PROCESS_TASKS
    ]


@register(PRODUCTION, deploy=True)
def check_email(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    mailers = getattr(settings, "MAILERS", None) or {
        "default": {"BACKEND": getattr(settings, "EMAIL_BACKEND", "")}
    }
    return [
        Warning(
            f"The '{alias}' e-mail backend ({backend.rsplit('.', 2)[-2]}) delivers nothing: "
            "sign-up verification and notifications would never arrive.",
            hint="Set EMAIL_URL=smtp+tls://user:password@smtp.example.org:587.",
            id="slipstream.W005",
        )
        for alias, backend in _backends(mailers)
        if backend in _UNDELIVERED_MAIL
    ]


@register(PRODUCTION, deploy=True)
def check_stripe_webhooks(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    missing = [
        name
        for name in ("STRIPE_WEBHOOK_SECRET", "STRIPE_CONNECT_WEBHOOK_SECRET")
        if not getattr(settings, name, "")
    ]
    if missing:
        return [
            Warning(
                f"{' and '.join(missing)} not set: every Stripe webhook would be refused, so "
                "funded stipends would never start their engagements.",
                hint="Copy each endpoint's signing secret (whsec_…) from the Stripe dashboard.",
                id="slipstream.W006",
            )
        ]
    return []
