from typing import Any, cast

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import parse_rate, respond_429
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import Profile, User
from accounts.selectors.email_addresses import email_address_added_later, user_email_unverified
from accounts.selectors.profiles import person_roles
from accounts.selectors.staff_invitations import (
    staff_invitation_token_in,
    staff_invitation_vouches_for,
)
from accounts.services.profiles import profile_ensure

WELCOME_URL = "/welcome/"
CAREERS_URL = "/careers/"
SETTINGS_PROFILE_URL = "/settings/#profile"
# The link opened where nobody is signed in (another browser, a phone's mail app): allauth
# signs in only the browser that signed up, so this one is told it worked and what comes next.
RETURN_AFTER_CONFIRMATION = "return_after_email_confirmation"
STAFF_JOIN_PATH = "/careers/join/"
CONFIRMED_SIGN_IN = "Your address is confirmed — sign in to continue."
_EMAIL_CONFIRMED = "account/messages/email_confirmed.txt"
_SIGNUP_QUIET = frozenset(
    {"account/messages/logged_in.txt", "account/messages/email_confirmation_sent.txt"}
)


class AccountAdapter(DefaultAccountAdapter):
    """Every account made through sign-up gets its profile in the same step, and lands on the
    welcome wizard until it has been through it once."""

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        # A sign-up from a colleague's invitation link goes back to it once the address is
        # confirmed, not to the drafter's wizard: remembered in this browser. Other `next`s
        # keep the usual way (the wizard first).
        going = request.POST.get("next") or request.GET.get("next") or ""
        vouched = staff_invitation_vouches_for(
            token=staff_invitation_token_in(going), email=user.email
        )  # confirmed at once (is_email_verified): they go straight back, nothing to remember
        if (
            going.startswith(STAFF_JOIN_PATH)
            and not vouched
            and url_has_allowed_host_and_scheme(going, allowed_hosts=None)
        ):
            request.session[RETURN_AFTER_CONFIRMATION] = going
        return user

    def is_email_verified(self, request: HttpRequest, email: str) -> bool:
        """A sign-up from a colleague's invitation link (`next=/careers/join/<token>/`) with the
        very address the invitation went to is confirmed at once: the token only reached that
        inbox. No confirmation mail goes out and the join page comes next. Any other address (or
        a used, revoked, expired or unknown token) is confirmed the usual way."""
        if super().is_email_verified(request, email):
            return True
        going = request.POST.get("next") or request.GET.get("next") or ""
        return staff_invitation_vouches_for(token=staff_invitation_token_in(going), email=email)

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
        """A new member is signed in at once (verification is "optional"); the page that asks
        for the e-mailed link, with resend and correct-the-address, comes first, then the
        wizard."""
        if request.user.is_authenticated and user_email_unverified(user=request.user):
            return reverse("account_email_verification_sent")
        return self._home_url(request) or WELCOME_URL

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Career-office staff land on /careers/ (never the portfolio wizard); others on the
        wizard until they have been through it, then where they were going."""
        home = self._home_url(request)
        if home:
            return home
        # allauth asks this right after signing the user in, so the user is a real one.
        onboarded = Profile.objects.filter(
            user=cast(User, request.user), onboarding_completed_at__isnull=False
        ).exists()
        return super().get_login_redirect_url(request) if onboarded else WELCOME_URL

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        """Signed in: on to the wizard or where they were going. Not signed in: the login page,
        which says the address is confirmed; signing in then leads on (get_login_redirect_url)."""
        if self.request.user.is_authenticated:
            # A work or university address added under E-mail addresses: back to the profile,
            # where "verified at <domain>" now shows, not the home page.
            if email_address_added_later(email_address=email_address):
                return SETTINGS_PROFILE_URL
            going = self.request.session.pop(RETURN_AFTER_CONFIRMATION, None)
            if going:
                return going
            return super().get_email_verification_redirect_url(email_address)
        return reverse("account_login")

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        """The link in the e-mail opens the site's public address (SITE_URL), whatever host the
        sign-up request came through."""
        path = reverse("account_confirm_email", args=[emailconfirmation.key])
        return f"{settings.SITE_URL}{path}"

    @staticmethod
    def _home_url(request: HttpRequest) -> str:
        """/careers/ for career-office staff (staff who also draft or mentor reach their
        dashboard from the nav)."""
        if request.user.is_authenticated and person_roles(user=request.user)["career_staff"]:
            return CAREERS_URL
        return ""

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # Straight after sign-up the page says it all ("we sent a link to ..."): no flash that
        # the new member was signed in, nor that an e-mail was sent, above it.
        if request.path == reverse("account_signup") and message_template in _SIGNUP_QUIET:
            return
        if message_template == _EMAIL_CONFIRMED and not request.user.is_authenticated:
            message_template, message = None, CONFIRMED_SIGN_IN
        super().add_message(
            request, level, message_template, message_context, extra_tags, message=message
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # E-mails name the site and link to its public address, never the host that happened
        # to serve the request ("Hello from 127.0.0.1:8000!").
        context = {**context, "site_name": "Slipstream", "site_url": settings.SITE_URL}
        super().send_mail(template_prefix, email, context)


def login_lockout_seconds() -> int:
    """The longest window of allauth's login-failure limits: how long a lockout can last."""
    rates = (account_settings.RATE_LIMITS or {}).get("login_failed") or ""
    windows = [parse_rate(rate).duration for rate in rates.split(",") if rate.strip()]
    return int(max(windows, default=60))
