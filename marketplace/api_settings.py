"""The API's settings (Django REST framework and drf-spectacular), kept out of settings.py so
that module stays about the deployment. Plain values and one function of the environment — the
settings import it before Django is set up; the paths named here are strings, never imports."""

from typing import Any

import environ

from marketplace.schema_enums import ENUM_NAME_OVERRIDES


def rest_framework_settings(env: environ.Env, *, num_proxies: int) -> dict[str, Any]:
    """REST_FRAMEWORK: throttle rates come from the environment; `num_proxies` is the one
    NUM_PROXIES the settings validated (allauth's rate limits count the same hops)."""
    return {
        "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
        "DEFAULT_VERSION": "v1",
        "ALLOWED_VERSIONS": ["v1"],
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "marketplace.api.authentication.SessionAuthentication",
            # Native/app clients sign in through allauth's headless "app" API and send its token.
            "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication",
        ],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_PAGINATION_CLASS": "marketplace.api.pagination.CursorPagination",
        "PAGE_SIZE": 20,
        "DEFAULT_RENDERER_CLASSES": ["marketplace.api.renderers.JSONRenderer"],
        # JSON only by default; the few views that take files add the multipart parser.
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
        "DEFAULT_THROTTLE_CLASSES": [
            "rest_framework.throttling.AnonRateThrottle",
            "rest_framework.throttling.UserRateThrottle",
        ],
        # Never None: DRF then believes the whole X-Forwarded-For header, which anyone can write.
        "NUM_PROXIES": num_proxies,
        "DEFAULT_THROTTLE_RATES": {
            "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
            "user": env.str("API_THROTTLE_USER", default="600/minute"),
            # Per-person limits on writes that reach other people or fill the marketplace
            # (views name them with throttle_scope; marketplace.api.throttling).
            "introductions": env.str("API_THROTTLE_INTRODUCTIONS", default="20/day"),
            "applications": env.str("API_THROTTLE_APPLICATIONS", default="30/day"),
            "task_create": env.str("API_THROTTLE_TASK_CREATE", default="20/day"),
            "offers": env.str("API_THROTTLE_OFFERS", default="20/day"),
            # Each correction of an unconfirmed address e-mails the new one (accounts.api).
            "email_correct": env.str("API_THROTTLE_EMAIL_CORRECT", default="5/hour"),
            # Each request to join a career office notifies (and e-mails) its admins.
            "staff_access_requests": env.str("API_THROTTLE_STAFF_ACCESS", default="10/day"),
        },
        "EXCEPTION_HANDLER": "marketplace.api.exceptions.exception_handler",
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "DATETIME_FORMAT": "iso-8601",
        "TEST_REQUEST_DEFAULT_FORMAT": "json",
    }


SPECTACULAR_SETTINGS = {
    "TITLE": "Slipstream API",
    "DESCRIPTION": (
        "Career drafting marketplace. Errors always have the shape "
        '`{"error": {"code": "...", "message": "...", "fields": {...}}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": ENUM_NAME_OVERRIDES,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "marketplace.api.schema.add_error_responses",
    ],
}
