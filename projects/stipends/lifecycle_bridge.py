"""Engagement transitions that money events cause (the webhook and the scheduled jobs).

Each is idempotent and moves forward only, because webhooks and scheduled jobs can run them
more than once. Activation is the lifecycle's own service; lapse and auto-approval have no
acting person, so they live here.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

# A module import, not a name import: projects.services imports this package's services too.
from projects import services as lifecycle
from projects.models import Engagement, Task


def engagement_activate_after_funding(*, engagement_id: int) -> None:
    """awaiting_funding -> active once the stipend is paid (the lifecycle tells both people)."""
    lifecycle.engagement_activate_after_funding(engagement_id=engagement_id)


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
        # The place goes back to the task, so the mentor can accept someone else.
        Task.objects.filter(pk=engagement.task_id, filled_slots__gt=0).update(
            filled_slots=F("filled_slots") - 1
        )
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
