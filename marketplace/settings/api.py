"""The REST API (DRF) and its OpenAPI schema (drf-spectacular)."""

from marketplace.settings.accounts import NUM_PROXIES
from marketplace.settings.core import env

# --- API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
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
    "NUM_PROXIES": NUM_PROXIES,
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
    "ENUM_NAME_OVERRIDES": {
        "TaskVisibilityEnum": "projects.models.Task.Visibility",
        "TaskLevelEnum": "projects.models.Task.Level",
        "SkillLevelEnum": "accounts.models.UserSkill.Level",
        "TaskActionEnum": "projects.api.serializers.TASK_ACTIONS",
        "ApplicationActionEnum": "projects.api.serializers.APPLICATION_ACTIONS",
        "EngagementActionEnum": "projects.api.serializers.ENGAGEMENT_ACTIONS",
        "PortfolioVisibilityEnum": "accounts.models.PortfolioItem.Visibility",
        "StipendStateEnum": "projects.stipends.models.Stipend.State",
        "PayoutStateEnum": "projects.stipends.models.Payout.State",
        "InstitutionStaffRoleEnum": "accounts.models.InstitutionMembership.StaffRole",
        "InstitutionStatusEnum": "accounts.models.Institution.Status",
        "TaskViewerRoleEnum": [
            ("mentor", "mentor"),
            ("drafter", "drafter"),
            ("visitor", "visitor"),
        ],
        "ParticipantRoleEnum": [("mentor", "mentor"), ("drafter", "drafter")],
        "CircleStateEnum": "projects.circles.models.Circle.State",
        "CircleViewerRoleEnum": [
            ("host", "host"),
            ("member", "member"),
            ("drafter", "drafter"),
            ("visitor", "visitor"),
        ],
        "ShowableChoiceEnum": [
            ("full", "full"),
            ("case_study", "case_study"),
            ("after", "after"),
            ("private", "private"),
        ],
    },
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "marketplace.api.schema.add_error_responses",
    ],
}
API_MAX_PAGE_SIZE = 100
# Requests per institution API key (careers API); a shared cache makes it hold across servers.
CAREERS_API_KEY_THROTTLE = env.str("CAREERS_API_KEY_THROTTLE", default="600/hour")
