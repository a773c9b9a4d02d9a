"""Reads of consent: a student's own history, and who an institution may see right now."""

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Consent, Institution, InstitutionMembership, User
from marketplace.errors import NotFound


def consents_for_student(*, student: User) -> QuerySet[Consent]:
    return Consent.objects.filter(student=student).select_related("institution")


def consent_get_for_student(*, student: User, consent_id: int) -> Consent:
    consent = consents_for_student(student=student).filter(pk=consent_id).first()
    if consent is None:
        raise NotFound("No such consent.")
    return consent


def consenting_students(*, institution: Institution, scope: str) -> QuerySet[User]:
    """Students the institution may see for `scope` right now: an active student membership
    AND an active consent covering that scope. Evaluated per request, so a revocation takes
    effect on the very next read. The careers API builds every query on this."""
    if scope not in Consent.Scope.values:
        raise ValueError(f"unknown consent scope: {scope}")
    member = InstitutionMembership.objects.filter(
        user=OuterRef("pk"),
        institution=institution,
        role=InstitutionMembership.Role.STUDENT,
        ended_at__isnull=True,
    )
    consenting = Consent.objects.filter(
        student=OuterRef("pk"), institution=institution, revoked_at__isnull=True, **{scope: True}
    )
    return User.objects.filter(Exists(member), Exists(consenting), is_active=True)
