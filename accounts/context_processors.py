"""What every page's layout needs to know about the signed-in account."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.selectors.email_addresses import user_email_unverified
from accounts.selectors.profiles import person_roles

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


def navigation_roles(request: HttpRequest) -> dict[str, Any]:
    """`roles` (drafter, mentor, career_staff) for the role-aware navigation in base.html;
    lazy, so a page that never asks costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"roles": SimpleLazyObject(lambda: person_roles(user=user))}
