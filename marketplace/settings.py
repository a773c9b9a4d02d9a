"""Slipstream settings: every value comes from the environment (see README "Configuration").

Development and production differ only by environment variables, never by code paths.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from marketplace import api_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core -----------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production "
            "(or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DJANGO_DEBUG-is-on"  # noqa: S105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    # Our apps first, so frontend's templates override allauth's and the admin's.
    "marketplace",
    "accounts",
    "projects",
    "projects.stipends",
    "projects.careers",
    "projects.credentials",
    "projects.offers",
    "projects.circles",
    "frontend",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    # University single sign-on: one SAML SocialApp per institution (accounts/services/sso.py).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.saml",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions, CSRF and messages: it must see the cookies they set (a page with one is
    # never public).
    "marketplace.middleware.PageCacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "marketplace.middleware.NestingLimitMiddleware",
    # Who acted, for the audit trail of transitions and money movements (projects/audit.py).
    "projects.audit.AuditActorMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.email_confirmation",
                "accounts.context_processors.navigation_roles",
            ],
        },
    },
]

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
    # Parameters bound by the server, and a statement run five times on a connection prepared
    # there: the hot reads (browse, the task page, the session) are planned once per connection
    # instead of once per request (planning was two thirds of the task page's database time).
    # Off behind a pooler in transaction mode, which cannot keep a connection's statements.
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
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

# --- HTTP caching of public reads (marketplace/api/caching.py) ----------------------------------
# How long an anonymous public read (browse, a task, a page shell) may be reused by nginx's
# cache and browsers, so how stale it may be: 30 s. Only the production-topology tests shorten
# it, to see an edit reach anonymous readers without waiting half a minute.
PUBLIC_CACHE_MAX_AGE = env.int("PUBLIC_CACHE_MAX_AGE", default=30)

# --- Auth (django-allauth) --------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, each reading a session's user with a statement written once
# (accounts/backends.py). A session signed in under their old paths (before 2026-12) asks to sign
# in again once.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# "optional": a new member is signed in at once and can browse and fill their profile (a banner
# asks them to confirm); applying, posting a task and sending an offer check a confirmed
# address themselves (accounts.selectors.email_addresses.user_email_verified_require).
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# One click on the e-mailed link confirms (no second "Confirm" page).
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Slipstream: "
# Proxies in front of the app that append to X-Forwarded-For (nginx = 1; none by default, so a
# client's own X-Forwarded-For is never believed). DRF's throttles and allauth's rate limits
# (login failures per address) both count the address this many hops from the right.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
if NUM_PROXIES < 0:
    raise ImproperlyConfigured("NUM_PROXIES must be 0 or more.")
ALLAUTH_TRUSTED_PROXY_COUNT = NUM_PROXIES
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
LOGIN_URL = "account_login"
# Signed in, a member goes to their dashboard (or the `next` page), never the marketing home.
LOGIN_REDIRECT_URL = "/dashboard/"
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("browser", "app")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# SAML sign-in: the institution's identity provider vouches for the person, so a university
# account signs up without a form; only addresses on the institution's own domains count as
# verified (accounts.sso_adapter), so an identity provider can never claim someone else's
# account. Sign-in starts from our page (a POST), never from a bare GET.
SOCIALACCOUNT_ADAPTER = "accounts.sso_adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False

# --- E-mail: printed to the console unless EMAIL_URL names an SMTP server ---------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    "timeout": 10,
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {k: v for k, v in _smtp_options.items() if v not in (None, "")}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Slipstream <hello@slipstream.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (Django's tasks framework) -------------------------------------------
# "immediate" runs a task in-process after commit (embedded default and tests); "database"
# queues it for `manage.py db_worker` (production).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date format everywhere a person reads a date: "7 Dec 2026" ("7 Dec 2026, 14:05" with the
# time). The locale module wins over the settings, so both say the same.
FORMAT_MODULE_PATH = ["marketplace.formats"]
DATE_FORMAT = SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j M Y, H:i"

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

# --- Security ---------------------------------------------------------------------------------
# HTTPS is on when the site is served over https (SITE_URL); each knob can still be set alone.
SERVED_OVER_HTTPS = SITE_URL.startswith("https://")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=SERVED_OVER_HTTPS)
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=31_536_000 if SERVED_OVER_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SERVED_OVER_HTTPS
)
# Preloading is hard to undo (browsers ship the list): only on request.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# Not preloading is a decision, not an oversight: Django's reminder about it is silenced.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = SERVED_OVER_HTTPS
CSRF_COOKIE_SECURE = SERVED_OVER_HTTPS
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- API: REST framework and the OpenAPI schema (marketplace/api_settings.py) ----------------
REST_FRAMEWORK = api_settings.rest_framework_settings(env, num_proxies=NUM_PROXIES)
SPECTACULAR_SETTINGS = api_settings.SPECTACULAR_SETTINGS
API_MAX_PAGE_SIZE = 100
# Requests per institution API key (careers API); a shared cache makes it hold across servers.
CAREERS_API_KEY_THROTTLE = env.str("CAREERS_API_KEY_THROTTLE", default="600/hour")

# --- Stripe (stipends) -------------------------------------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_CONNECT_WEBHOOK_SECRET = env.str("STRIPE_CONNECT_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
PLATFORM_FEE_PERCENT = env.float("PLATFORM_FEE_PERCENT", default=10.0)
# Prefix of every idempotency key sent to Stripe, so deployments sharing one Stripe account
# (staging, demos, load tests) never collide on the same ids. Empty: no prefix.
STRIPE_IDEMPOTENCY_NAMESPACE = env.str("STRIPE_IDEMPOTENCY_NAMESPACE", default="")

# --- Scheduled jobs: one scheduler process (`manage.py run_scheduler`) enqueues these tasks -----
# (dotted path of a task, every N seconds); workers (`manage.py db_worker`) run them. A lock in the
# shared cache keeps a second scheduler from enqueueing a job twice in one period.
SCHEDULED_TASKS = [
    ("projects.tasks.stipends_due_run", env.int("SCHEDULE_STIPENDS_DUE_SECONDS", default=3600)),
    (
        "projects.tasks.stripe_reconcile_run",
        env.int("SCHEDULE_RECONCILE_STRIPE_SECONDS", default=3600),
    ),
    (
        "projects.tasks.message_digests_run",
        env.int("SCHEDULE_MESSAGE_DIGESTS_SECONDS", default=3600),
    ),
    ("projects.tasks.nudges_run", env.int("SCHEDULE_NUDGES_SECONDS", default=3600)),
    ("projects.tasks.digests_run", env.int("SCHEDULE_DIGESTS_SECONDS", default=86400)),
    ("projects.tasks.closure_run", env.int("SCHEDULE_CLOSURE_SECONDS", default=3600)),
    (
        "projects.tasks.impact_letters_run",
        env.int("SCHEDULE_IMPACT_LETTERS_SECONDS", default=86400),
    ),
]

# --- Marketplace rules ---------------------------------------------------------------------------
# Stipends are stored in minor units (cents); the minimum is fixed at 100, the maximum is ours.
STIPEND_MAX_MINOR = env.int("STIPEND_MAX_MINOR", default=500_000)
# Messages per person per minute, across all threads (no spam, even inside a thread).
MESSAGE_RATE_PER_MINUTE = env.int("MESSAGE_RATE_PER_MINUTE", default=20)
# Messages are e-mailed as one "unread messages" digest once they have waited this long unread
# (sent by the scheduled due work), never one e-mail per message.
MESSAGE_DIGEST_DELAY_SECONDS = env.int("MESSAGE_DIGEST_DELAY_SECONDS", default=900)

# --- Credentials (Open Badges 3.0, VC-JWT) -----------------------------------------------------
# The private signing key (an Ed25519 or RSA key as PEM or JWK JSON). In production it comes from
# the environment; with DEBUG on and no key set, one is generated once and kept in
# CREDENTIAL_LOCAL_KEY_FILE (gitignored). Old public keys stay published after a rotation:
# CREDENTIAL_SIGNING_KEYS_RETIRED holds them (a JSON list of JWKs, or PEM blocks one after another).
CREDENTIAL_SIGNING_KEY = env.str("CREDENTIAL_SIGNING_KEY", default="")
CREDENTIAL_SIGNING_KEYS_RETIRED = env.str("CREDENTIAL_SIGNING_KEYS_RETIRED", default="")
CREDENTIAL_LOCAL_KEY_FILE = env.path(
    "CREDENTIAL_LOCAL_KEY_FILE", default=BASE_DIR / "var" / "credential-signing-key.jwk"
)
CREDENTIAL_ISSUER_NAME = env.str("CREDENTIAL_ISSUER_NAME", default="Slipstream")

# --- Logging: one JSON object per line on stdout ------------------------------------------------
LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "marketplace.logging.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's own console handler, which would print every line a second time.
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
