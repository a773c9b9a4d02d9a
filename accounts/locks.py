"""The one lock order of accounts, written once.

Only modules named `locks.py` call `select_for_update` (tests/marketplace/test_lock_discipline.py
fails otherwise). A transaction that locks several of these rows takes them in this order:

    user -> profile -> portfolio item -> notification preferences
    institution -> membership -> consent -> institution API key

- user: a write that checks one person's totals first (skill count, portfolio quota, saved
  searches, memberships, consents) locks that person's `User` row before anything else.
- profile, portfolio item, notification preferences: one person's rows, after their user.
- institution: a site-staff review of a pending institution, before any of its rows.
- membership, consent, API key: one institution's rows, after the institution (when held).
The two chains never lock each other's rows in one transaction the other way round: a person's
chain (user first) may go on to their membership and consent, never back. Every lock names its
table with `of=("self",)`, so joined rows are never locked by accident.
"""

from typing import Any

from accounts.models import (
    Consent,
    Institution,
    InstitutionApiKey,
    InstitutionMembership,
    NotificationPreference,
    PortfolioItem,
    Profile,
    User,
)


def user_lock(user: User) -> User:
    """First of a person's chain: serialise their writes that check totals first (quotas)."""
    return User.objects.select_for_update(of=("self",)).get(pk=user.pk)


def profile_lock(user: User) -> Profile:
    """After the user: the person's profile."""
    return Profile.objects.select_for_update(of=("self",)).get(user=user)


def portfolio_item_lock(*, owner: User, item_id: int) -> PortfolioItem | None:
    """After the user and profile: one of the owner's portfolio items (None if not theirs)."""
    items = PortfolioItem.objects.select_for_update(of=("self",))
    return items.filter(owner=owner, pk=item_id).first()


def notification_preferences_lock(user: User) -> NotificationPreference:
    """Last of a person's chain: their notification preferences, created on first use."""
    preferences, _ = NotificationPreference.objects.select_for_update(of=("self",)).get_or_create(
        user=user
    )
    return preferences


def institution_lock(*, institution_id: int) -> Institution | None:
    """First of an institution's chain (site staff reviewing it)."""
    return Institution.objects.select_for_update(of=("self",)).filter(pk=institution_id).first()


def membership_lock(**filters: Any) -> InstitutionMembership | None:
    """After the institution: one membership, found by the caller's scoping `filters`."""
    return (
        InstitutionMembership.objects.select_for_update(of=("self",))
        .filter(**filters)
        .select_related("institution")
        .first()
    )


def consent_lock(*, consent_id: int, student: User) -> Consent | None:
    """After the membership: one of the student's consents (with its institution loaded)."""
    return (
        Consent.objects.select_for_update(of=("self",))
        .filter(pk=consent_id, student=student)
        .select_related("institution")
        .first()
    )


def institution_api_key_lock(*, key_id: int, institution: Institution) -> InstitutionApiKey | None:
    """Last of an institution's chain: one of its API keys."""
    return (
        InstitutionApiKey.objects.select_for_update(of=("self",))
        .filter(pk=key_id, institution=institution)
        .first()
    )


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
