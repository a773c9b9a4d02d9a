from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
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

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return WELCOME_URL

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        onboarded = Profile.objects.filter(
            user=request.user, onboarding_completed_at__isnull=False
        ).exists()
        return super().get_login_redirect_url(request) if onboarded else WELCOME_URL

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # E-mails name the site and link to its public address, never the host that happened
        # to serve the request ("Hello from 127.0.0.1:8000!").
        context = {**context, "site_name": "Slipstream", "site_url": settings.SITE_URL}
        super().send_mail(template_prefix, email, context)
