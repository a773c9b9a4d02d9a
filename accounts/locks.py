"""The one lock order of accounts, written once.

A write that checks one person's totals first (skill count, portfolio quota, memberships,
consents) locks that person's `User` row before anything else; a profile or portfolio row is
locked only after it. Every `select_for_update` names what it locks with `of=`.
"""

from accounts.models import InstitutionMembership, User


def user_lock(user: User) -> User:
    """Serialise one person's writes that check totals first (quotas, skill counts)."""
    return User.objects.select_for_update(of=("self",)).get(pk=user.pk)


def institution_staff_lock(institution_id: int) -> list[int]:
    """Lock an institution's active staff memberships (primary-key order), so two admins who
    demote or remove each other at once cannot leave the office without an admin. Taken after
    the acting person's own row, if any."""
    return list(
        InstitutionMembership.objects.select_for_update(of=("self",))
        .filter(institution_id=institution_id, role="staff", ended_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
