"""Engagement transitions that money events cause, until the lifecycle services are merged.

Stand-ins for functions projects/services.py provides (same names, same arguments): at merge
time each body becomes a call to the real service. Each is idempotent and moves forward only,
because webhooks and scheduled jobs can run them more than once.
"""

from django.db import transaction
from django.utils import timezone

from projects.models import Engagement


def engagement_activate_after_funding(*, engagement_id: int) -> bool:
    """awaiting_funding -> active once the stipend is paid; True when this call moved it."""
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().filter(pk=engagement_id).first()
        if engagement is None or engagement.state != Engagement.State.AWAITING_FUNDING:
            return False
        engagement.state = Engagement.State.ACTIVE
        engagement.started_at = timezone.now()
        engagement.save(update_fields=["state", "started_at", "updated_at"])
    return True


def engagement_lapse_unfunded(*, engagement_id: int, reason: str) -> bool:
    """awaiting_funding -> cancelled when the mentor never paid; True when this call moved it."""
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().filter(pk=engagement_id).first()
        if engagement is None or engagement.state != Engagement.State.AWAITING_FUNDING:
            return False
        engagement.state = Engagement.State.CANCELLED
        engagement.cancelled_at = timezone.now()
        engagement.cancel_reason = reason
        engagement.save(update_fields=["state", "cancelled_at", "cancel_reason", "updated_at"])
    return True


def engagement_auto_approve(*, engagement_id: int) -> bool:
    """delivered -> completed when the mentor has not responded in time; True when moved."""
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().filter(pk=engagement_id).first()
        if engagement is None or engagement.state != Engagement.State.DELIVERED:
            return False
        engagement.state = Engagement.State.COMPLETED
        engagement.completed_at = timezone.now()
        engagement.save(update_fields=["state", "completed_at", "updated_at"])
    return True
