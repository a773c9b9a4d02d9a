"""The one lock order of accounts, written once.

A write that checks one person's totals first (skill count, portfolio quota, memberships,
consents) locks that person's `User` row before anything else; a profile or portfolio row is
locked only after it. Every `select_for_update` names what it locks with `of=`.
"""

from accounts.models import User


def user_lock(user: User) -> User:
    """Serialise one person's writes that check totals first (quotas, skill counts)."""
    return User.objects.select_for_update(of=("self",)).get(pk=user.pk)
