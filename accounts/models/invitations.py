"""A career office's invitations: colleagues invited as staff, and students from a roster.
Re-exported by accounts/models/__init__.py."""

from datetime import datetime

from django.conf import settings
from django.db import models


class StaffInvitation(models.Model):
    """An admin invites a colleague to the career office by e-mail. The link carries a random
    token (only its SHA-256 is stored) and expires; accepting it signed in with a verified
    address makes the staff membership. Never deleted: revoking or accepting ends it."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for the colleague"
        ACCEPTED = "accepted", "Accepted"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"
        DECLINED = "declined", "Declined by the colleague"

    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.CASCADE, related_name="staff_invitations"
    )
    email = models.EmailField()
    staff_role = models.CharField(
        max_length=10,
        choices=[("admin", "Admin (keys and colleagues)"), ("viewer", "Viewer")],
        default="viewer",
    )
    # Stored: pending, accepted or revoked (projects/transitions/ moves it); "expired" is a
    # pending invitation past expires_at, worked out when read (see `state_at`).
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    hashed_token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["institution", "-id"])]

    def __str__(self) -> str:
        return f"{self.email} to {self.institution_id} ({self.staff_role})"

    def state_at(self, now: datetime) -> str:
        if self.state == self.State.PENDING and self.expires_at <= now:
            return self.State.EXPIRED
        return self.state


class RosterInvitation(models.Model):
    """A student address from a career office's roster upload, and when it was last e-mailed:
    a re-upload does not write to the same address again within the resend window."""

    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.CASCADE, related_name="roster_invitations"
    )
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "email"], name="roster_invitation_once_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} invited by {self.institution_id}"
