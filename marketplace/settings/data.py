"""Where state lives: the database, the cache and sessions, static and uploaded files."""

from django.core.exceptions import ImproperlyConfigured

from marketplace.settings.core import BASE_DIR, DEBUG, env

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; production sets DATABASE_URL=postgres://...
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# Persistent connections on both engines (Django keeps one per thread, closed after a request
# that left it broken or older than this). On SQLite a new connection per request also meant a
# cold page cache and the PRAGMAs again: gunicorn served browse at 3 % of a trivial view.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # WAL and a busy timeout keep the embedded database usable by a server and a worker at once.
    # IMMEDIATE transactions take the write lock when they begin, so a second writer waits for
    # the busy timeout instead of failing at once with "database is locked" when a deferred
    # read transaction tries to upgrade to a write (a webhook arriving during a user's request).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, throttling, sessions): shared Redis in production -----------------
# CACHE_URL=redis://host:6379/0 (django-redis; hiredis parses replies when installed).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://slipstream")}
CACHE_IS_REDIS = CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
if CACHE_IS_REDIS:
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            # A Redis restart degrades (throttles open, sessions read from the database) rather
            # than failing every request; the errors are logged.
            "IGNORE_EXCEPTIONS": env.bool("CACHE_IGNORE_ERRORS", default=True),
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        }
    )
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions: read from the cache, written through to the database, so every app server sees
# them and none is lost when the cache restarts. Without Redis, the database store reading with a
# statement written once (marketplace/sessions.py).
SESSION_ENGINE = env.str(
    "SESSION_ENGINE",
    default=(
        "django.contrib.sessions.backends.cached_db" if CACHE_IS_REDIS else "marketplace.sessions"
    ),
)

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads: local disk by default; STORAGE_URL=s3://<bucket> puts them in S3-compatible object
# storage (django-storages), so every app server sees every file. Objects are private (no ACL,
# signed URLs only): portfolio files and deliverables are served through the app's protected
# views, which read them with storage.open().
STORAGE_URL = env.str("STORAGE_URL", default="")
if STORAGE_URL.startswith("s3://"):
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_URL.removeprefix("s3://").strip("/"),
            # Empty means AWS; set it for MinIO, Ceph, R2, or moto on loopback.
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "location": env.str("STORAGE_PREFIX", default=""),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env.int("STORAGE_SIGNED_URL_SECONDS", default=300),
            "file_overwrite": False,
        },
    }
elif STORAGE_URL in {"", "file://"}:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"STORAGE_URL must be s3://<bucket> or empty, not {STORAGE_URL!r}.")
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "marketplace.storage.HashedStaticFilesStorage"
            if env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Hashed file names need `collectstatic`; development and tests serve files as they are.
WHITENOISE_USE_FINDERS = DEBUG
# Request bodies beyond this are refused with 413 (set the proxy's limit to match, e.g.
# nginx `client_max_body_size 12m;`). Uploads stream to disk and have their own per-file caps.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
