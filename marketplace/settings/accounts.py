"""Accounts and mail: django-allauth (passwords, e-mail confirmation, MFA, SAML) and e-mail."""

from django.core.exceptions import ImproperlyConfigured

from marketplace.settings.core import SITE_URL, env

# --- Auth (django-allauth) --------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
