"""allauth's social-account hooks for university sign-in (SAML): they translate and call
accounts' selectors and services, which hold the rules."""

from typing import Any

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest

from accounts.models import User
from accounts.selectors.sso import SAML_PROVIDER, sso_email_is_trusted, sso_login_fields
from accounts.services.profiles import profile_ensure
from accounts.services.sso import institution_membership_on_sso_login


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_email_verified(self, provider: Any, email: str) -> bool:
        """The university proves addresses on its own domains, nothing else: every other
        address is confirmed by e-mail as usual."""
        if provider.id == SAML_PROVIDER and provider.app is not None:
            return sso_email_is_trusted(institution_slug=provider.app.client_id, email=email)
        return False

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> User:
        """An account made by a university sign-in gets its profile (named as the university
        names the person) in the same step, like one made through the sign-up form."""
        user = super().save_user(request, sociallogin, form)
        attributes = sso_login_fields(sociallogin)
        name = attributes.get("name") or " ".join(
            part for part in (attributes.get("first_name"), attributes.get("last_name")) if part
        )
        profile_ensure(user=user, display_name=name[:120])
        _memberships(sociallogin)
        return user

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """A returning member's memberships are made before the sign-in decides where they
        land (staff land on /careers/); a new member's in `save_user`."""
        if sociallogin.is_existing:
            _memberships(sociallogin)


def _memberships(sociallogin: SocialLogin) -> None:
    provider = sociallogin.account.get_provider()
    if provider.id != SAML_PROVIDER or provider.app is None:
        return
    user = sociallogin.user
    institution_membership_on_sso_login(
        user=user,
        institution_slug=provider.app.client_id,
        email=sso_login_fields(sociallogin).get("email") or user.email,
        attributes=sociallogin.account.extra_data or {},
    )
