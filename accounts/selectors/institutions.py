"""Reads of institutions and the signed-in person's memberships."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from accounts import error_codes
from accounts.models import Institution, InstitutionApiKey, InstitutionMembership, User
from marketplace.errors import Forbidden, NotFound


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


def staff_memberships_for(*, user: User) -> QuerySet[InstitutionMembership]:
    """The person's active career-office memberships, live institutions or not."""
    return memberships_for_user(user=user).filter(role=InstitutionMembership.Role.STAFF)


def student_membership_active(
    *, user: User, membership_id: int | None = None, institution_slug: str | None = None
) -> InstitutionMembership | None:
    """The person's active student membership, with its institution, picked by its id or by the
    institution's slug. None when there is none: each caller raises the error its own contract
    names (404 on the student's page, 403 `not_a_student_member` when consenting)."""
    lookup: dict[str, object] = {}
    if membership_id is not None:
        lookup["pk"] = membership_id
    if institution_slug is not None:
        lookup["institution__slug"] = institution_slug
    if not lookup:
        raise ValueError("name the membership by membership_id or institution_slug")
    return (
        InstitutionMembership.objects.filter(
            user=user,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            **lookup,
        )
        .select_related("institution")
        .first()
    )


def staff_membership_get(
    *, user: User | AnonymousUser, institution_slug: str | None = None, live_only: bool = True
) -> InstitutionMembership:
    """The person's staff membership of the named institution (or their first one).

    Raises Forbidden when they are no career-office staff at all, NotFound when the named
    institution is not one of theirs (a 404 hides which institutions exist)."""
    memberships = staff_memberships_for(user=user) if user.is_authenticated else None
    if memberships is None or not memberships.exists():
        raise Forbidden(
            "Only career-office staff can use this.", code=error_codes.NOT_INSTITUTION_STAFF
        )
    if institution_slug:
        memberships = memberships.filter(institution__slug=institution_slug)
    if live_only:
        memberships = memberships.filter(institution__status=Institution.Status.APPROVED)
    membership = memberships.first()
    if membership is None:
        if institution_slug:
            raise NotFound("No such institution.")
        raise Forbidden(
            "Your institution is waiting for approval by Slipstream staff.",
            code=error_codes.INSTITUTION_NOT_LIVE,
        )
    return membership


def institution_api_keys(*, institution: Institution) -> QuerySet[InstitutionApiKey]:
    return InstitutionApiKey.objects.filter(institution=institution).order_by("-id")


def institution_staff(*, institution: Institution) -> QuerySet[InstitutionMembership]:
    return (
        InstitutionMembership.objects.filter(
            institution=institution, role=InstitutionMembership.Role.STAFF, ended_at__isnull=True
        )
        .select_related("user__profile", "institution")
        .order_by("id")
    )
