from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
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
