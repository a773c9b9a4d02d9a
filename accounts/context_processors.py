"""Template context every page shell needs about the signed-in person."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.selectors.profiles import person_roles


def navigation_roles(request: HttpRequest) -> dict[str, Any]:
    """`roles` (drafter, mentor, career_staff) for the role-aware navigation in base.html;
    lazy, so a page that never asks costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"roles": SimpleLazyObject(lambda: person_roles(user=user))}
