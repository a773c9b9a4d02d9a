"""Credential use cases: issue on the drafter's first download, revoke by the drafter or staff.

The engagement is locked first, then the credential (projects/locks.py); the revocation goes
through projects/transitions/ like every other state change."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from marketplace.errors import NotFound
from projects import locks
from projects.credentials.models import STATUS_LIST_SIZE, IssuedCredential
from projects.models import Engagement
from projects.transitions import transition_target

_INDEX_TRIES = 20


def _completed_engagement_lock(*, engagement_id: int, user: User | None) -> Engagement:
    """Lock a verified experience: the drafter's own (user given) or any (site staff)."""
    engagement = locks.engagement_lock(
        engagement_id=engagement_id, participant=user, role="drafter"
    )
    if engagement is None or engagement.state != Engagement.State.COMPLETED:
        raise NotFound("Experience not found.")
    if not engagement.drafter.is_active:
        raise NotFound("Experience not found.")
    return engagement


def credential_issue(*, engagement_id: int, drafter: User) -> IssuedCredential:
    """The drafter's credential for one verified experience, made on first download. Later
    downloads get the same id and revocation-list place (only the evidence may change)."""
    with transaction.atomic():
        engagement = _completed_engagement_lock(engagement_id=engagement_id, user=drafter)
        issued = locks.credential_lock(engagement_id=engagement.pk)
        if issued is not None:
            return issued
        for _ in range(_INDEX_TRIES):
            try:
                with transaction.atomic():
                    return IssuedCredential.objects.create(
                        engagement=engagement,
                        status_index=secrets.randbelow(STATUS_LIST_SIZE),
                        identity_salt=secrets.token_hex(16),
                    )
            except IntegrityError:
                continue  # that list place was taken: draw another
        raise RuntimeError("no free place in the revocation list")


def credential_revoke(*, engagement_id: int, user: User) -> IssuedCredential:
    """The drafter (or site staff) revokes the credential: from the next status-list read,
    every verifier sees it as revoked. Anyone else: not found."""
    with transaction.atomic():
        owner = None if user.is_staff else user
        engagement = _completed_engagement_lock(engagement_id=engagement_id, user=owner)
        issued = locks.credential_lock(engagement_id=engagement.pk)
        if issued is None:
            raise NotFound("No credential was issued for this experience.")
        issued.state = transition_target(issued, "revoke")
        issued.revoked_at = timezone.now()
        issued.revoked_by = user
        issued.save(update_fields=["state", "revoked_at", "revoked_by", "updated_at"])
    return issued
