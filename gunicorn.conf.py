"""gunicorn settings for the web process (`gunicorn --config gunicorn.conf.py marketplace.wsgi`).

Every value can be overridden from the environment (GUNICORN_*), or on the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The usual (2 x CPUs) + 1 sync workers: requests are short and the database does the waiting.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is a bug or a stuck dependency: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Behind a load balancer that keeps connections open (nginx upstream keepalive).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, jittered so they do not all restart together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load the app before forking: a broken settings file fails the master at once, and workers
# share the imported code's memory.
preload_app = True
# Only the proxy in front may set X-Forwarded-*.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips

# One JSON object per request on stdout, like the application's own logs.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%({x-forwarded-for}i)s", '
    '"method": "%(m)s", "path": "%(U)s", "query": "%(q)s", "status": %(s)s, '
    '"bytes": "%(B)s", "duration_ms": %(M)s, "request_id": "%({x-request-id}i)s", '
    '"user_agent": "%(a)s"}'
)


def when_ready(server: object) -> None:
    """Import the URLconf, so every view module, in the master once the app is preloaded: the
    workers it forks (at start, and on a reload with SIGHUP) start warm. Without it each new
    worker imported them on its first request, seconds on a busy machine; after a SIGHUP both
    new workers did so at once while the old ones were stopping, and requests waited 10-18 s."""
    if preload_app:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 — imported for its side effect
