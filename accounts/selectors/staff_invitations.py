"""Reads of a colleague's staff invitation that accounts itself needs (the sign-up adapter)."""

import hashlib

from django.utils import timezone

from accounts.models import Institution, StaffInvitation

JOIN_PATH = "/careers/join/"


def staff_invitation_token_in(path: str) -> str:
    """The token of a join-page path (`/careers/join/<token>/`), or "" for any other path."""
    if not path.startswith(JOIN_PATH) or not path.endswith("/"):
        return ""
    token = path[len(JOIN_PATH) : -1]
    return token if token and "/" not in token else ""


def staff_invitation_vouches_for(*, token: str, email: str) -> bool:
    """True when `token` opens a pending, unexpired invitation sent to `email` (compared
    case-insensitively): the link only ever went to that inbox, so whoever signs up with it
    and that address has shown they read it. Any other address, or a used, revoked, expired or
    unknown token, vouches for nothing."""
    if not token or not email:
        return False
    hashed = hashlib.sha256(token.encode()).hexdigest()
    invitation = (
        StaffInvitation.objects.filter(
            hashed_token=hashed,
            state=StaffInvitation.State.PENDING,
            expires_at__gt=timezone.now(),
        )
        .exclude(institution__status=Institution.Status.REJECTED)
        .only("email")
        .first()
    )
    return invitation is not None and invitation.email.strip().lower() == email.strip().lower()
