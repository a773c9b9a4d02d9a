"""What every page's layout needs to know about the signed-in account."""

from django.http import HttpRequest
from django.urls import reverse

from accounts.selectors.email_addresses import user_email_unverified

_CONFIRMED = "accounts.email_confirmed"


def email_confirmation(request: HttpRequest) -> dict[str, str]:
    """`email_waiting`: the address still waiting for its confirmation link, for the banner
    that asks for it. Once confirmed, the session remembers and no page asks the database."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.session.get(_CONFIRMED):
        return {}
    if request.path == reverse("account_email_verification_sent"):
        return {}  # that page asks for the link itself
    waiting = user_email_unverified(user=user)
    if waiting is None:
        request.session[_CONFIRMED] = True
        return {}
    return {"email_waiting": waiting.email}
