"""Institution API keys: made by an institution's admin staff, shown once, stored hashed,
revocable, optionally expiring; every use stamps `last_used_at`."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts import error_codes, locks
from accounts.models import Institution, InstitutionApiKey, User
from accounts.selectors.institutions import staff_membership_get
from marketplace.errors import Forbidden, NotFound, field_error

KEY_PREFIX = "slk_"
# Stamping last use on every request would write on every read; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedKey:
    key: InstitutionApiKey
    secret: str  # the whole key, shown once and never stored


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _require_admin(*, actor: User, institution: Institution) -> None:
    membership = staff_membership_get(user=actor, institution_slug=institution.slug)
    if membership.staff_role != membership.StaffRole.ADMIN:
        raise Forbidden(
            "Only the institution's admin staff can manage API keys.",
            code=error_codes.NOT_INSTITUTION_ADMIN,
        )


def institution_api_key_create(
    *, actor: User, institution: Institution, name: str, expires_at: datetime | None = None
) -> IssuedKey:
    _require_admin(actor=actor, institution=institution)
    if expires_at is not None and expires_at <= timezone.now():
        raise field_error(
            "The expiry must be in the future.", code=error_codes.INVALID, field="expires_at"
        )
    prefix = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}{prefix}.{secrets.token_urlsafe(32)}"
    key = InstitutionApiKey.objects.create(
        institution=institution,
        name=name.strip(),
        prefix=prefix,
        hashed_key=_hash(secret),
        created_by=actor,
        expires_at=expires_at,
    )
    return IssuedKey(key=key, secret=secret)


def institution_api_key_revoke(
    *, actor: User, institution: Institution, key_id: int
) -> InstitutionApiKey:
    _require_admin(actor=actor, institution=institution)
    with transaction.atomic():
        key = locks.institution_api_key_lock(key_id=key_id, institution=institution)
        if key is None:
            raise NotFound("No such API key.")
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.revoked_by = actor
            key.save(update_fields=["revoked_at", "revoked_by"])
    return key


def institution_api_key_authenticate(*, secret: str) -> InstitutionApiKey | None:
    """The usable key `secret` names, or None (unknown, malformed, revoked or expired alike)."""
    if not secret.startswith(KEY_PREFIX) or "." not in secret:
        return None
    prefix = secret[len(KEY_PREFIX) :].split(".", 1)[0]
    key = InstitutionApiKey.objects.filter(prefix=prefix).select_related("institution").first()
    now = timezone.now()
    if key is None or not hmac.compare_digest(key.hashed_key, _hash(secret)):
        return None
    if not key.is_usable(now) or not key.institution.is_live:
        return None
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        InstitutionApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
