"""The signed-in user of an API request, typed as a `User`.

DRF types `request.user` as `User | AnonymousUser`; views whose permission classes already require
sign-in read it through `authenticated_user`, so services that act for a real user receive one
without a cast at every call site."""

from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from accounts.models import User


def authenticated_user(request: Request) -> User:
    """The request's user. Call it only behind a permission that requires authentication: the
    refusal below never fires then, and if a view's permissions are ever loosened it answers 401
    instead of handing an anonymous user to a service."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated()
    return user
