"""The product's own work: background tasks, Stripe, scheduled jobs, marketplace rules and
credentials."""

from marketplace.settings.core import BASE_DIR, env

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
