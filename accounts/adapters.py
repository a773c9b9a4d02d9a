from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import parse_rate, respond_429
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.models import Profile, User
from accounts.services.profiles import profile_ensure

WELCOME_URL = "/welcome/"


class AccountAdapter(DefaultAccountAdapter):
    """Every account made through sign-up gets its profile in the same step, and lands on the
    welcome wizard until it has been through it once."""

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        return user

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """A login lockout is "too many requests" (429 with Retry-After), not a form error."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            if getattr(exc, "code", None) != "too_many_login_attempts":
                raise
            response = respond_429(request)
            response["Retry-After"] = str(login_lockout_seconds())
            raise ImmediateHttpResponse(response) from exc

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return WELCOME_URL

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        onboarded = Profile.objects.filter(
            user=request.user, onboarding_completed_at__isnull=False
        ).exists()
        return super().get_login_redirect_url(request) if onboarded else WELCOME_URL


def login_lockout_seconds() -> int:
    """The longest window of allauth's login-failure limits: how long a lockout can last."""
    rates = (account_settings.RATE_LIMITS or {}).get("login_failed") or ""
    windows = [parse_rate(rate).duration for rate in rates.split(",") if rate.strip()]
    return int(max(windows, default=60))
