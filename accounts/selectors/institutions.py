"""Reads of institutions and the signed-in person's memberships."""

from django.db.models import QuerySet

from accounts.models import Institution, InstitutionMembership, User
from marketplace.errors import NotFound


def institution_get(*, slug: str) -> Institution:
    institution = Institution.objects.filter(slug=slug).first()
    if institution is None:
        raise NotFound("No such institution.")
    return institution


def memberships_for_user(*, user: User) -> QuerySet[InstitutionMembership]:
    return (
        InstitutionMembership.objects.filter(user=user, ended_at__isnull=True)
        .select_related("institution")
        .order_by("institution__name", "role")
    )
