"""One Open Badges 3.0 credential per verified experience (a completed engagement).

The row holds what must stay stable across downloads: the credential's id, its place in the
revocation list and the salt of the e-mail hash. The signed JSON itself is rebuilt at each
download, so its evidence follows the showable-work clause of that day."""

import uuid

from django.conf import settings
from django.db import models

from marketplace.models import TimeStampedModel
from projects.models import Engagement

# The W3C Bitstring Status List's minimum length (16 KB), so one list hides who is revoked.
STATUS_LIST_SIZE = 131_072


class IssuedCredential(TimeStampedModel):
    class State(models.TextChoices):
        ACTIVE = "active", "Active"
        REVOKED = "revoked", "Revoked"

    engagement = models.OneToOneField(
        Engagement, on_delete=models.PROTECT, related_name="credential"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A random free index in the revocation list: neighbours in the list reveal nothing.
    status_index = models.PositiveIntegerField(unique=True)
    identity_salt = models.CharField(max_length=32)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status_index__lt=STATUS_LIST_SIZE),
                name="credential_status_index_in_list",
            )
        ]
        # The status list is built from the revoked rows only.
        indexes = [
            models.Index(
                fields=["status_index"],
                condition=models.Q(state="revoked"),
                name="credential_revoked_idx",
            )
        ]

    def __str__(self) -> str:
        return f"Credential {self.public_id} (engagement {self.engagement_id})"
