"""Consent: what a student agrees to share with their institution, revocable at any time."""

from django.db import transaction
from django.utils import timezone

from accounts import consent_terms, error_codes, locks
from accounts.locks import user_lock
from accounts.models import Consent, User
from accounts.selectors.institutions import student_membership_active
from marketplace.errors import DomainError, Forbidden, NotFound
from marketplace.events import student_activity_changed


def consent_grant(
    *, student: User, institution_slug: str, scopes: list[str], version: str
) -> Consent:
    """Record what the student agreed to share; it replaces (revokes) any earlier grant."""
    if version != consent_terms.VERSION:
        raise DomainError(
            "The consent wording has changed; please read it again.",
            code=error_codes.CONSENT_VERSION_OUTDATED,
            fields={"version": [f"The current version is {consent_terms.VERSION}."]},
        )
    scopes = [scope for scope in Consent.Scope.values if scope in set(scopes)]
    if not scopes:
        raise DomainError(
            "Choose at least one thing to share.",
            code=error_codes.CONSENT_SCOPE_MISSING,
            fields={"scopes": ["Choose at least one scope."]},
        )
    with transaction.atomic():
        user_lock(student)
        membership = student_membership_active(user=student, institution_slug=institution_slug)
        if membership is None:
            raise Forbidden(
                "You can only share with an institution you are a verified student of.",
                code=error_codes.NOT_A_STUDENT,
                fields={"institution": ["Verify an e-mail address of this institution first."]},
            )
        now = timezone.now()
        Consent.objects.filter(
            student=student, institution=membership.institution, revoked_at__isnull=True
        ).update(revoked_at=now)
        consent = Consent.objects.create(
            student=student,
            institution=membership.institution,
            purpose=consent_terms.PURPOSE,
            version=consent_terms.VERSION,
            granted_at=now,
            **{scope: True for scope in scopes},
        )
        student_activity_changed(user_ids=[student.pk], what="consent")
        return consent


def consent_revoke(*, student: User, consent_id: int) -> Consent:
    """Stop sharing from now on. The row stays, with its revocation date, as history."""
    with transaction.atomic():
        consent = locks.consent_lock(consent_id=consent_id, student=student)
        if consent is None:
            raise NotFound("No such consent.")
        if consent.revoked_at is None:
            consent.revoked_at = timezone.now()
            consent.save(update_fields=["revoked_at"])
            student_activity_changed(user_ids=[student.pk], what="consent")
    return consent
