"""Reads for accounts, scoped to the viewer."""

from accounts.models import User


def user_get_with_profile(*, user_id: int) -> User:
    return User.objects.select_related("profile").get(pk=user_id)
