"""Message e-mails are batched: a chat sends in-app notifications only, and a person with
messages left unread for a while gets one "unread messages" e-mail for all of them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from accounts.models import Notification, User
from accounts.services.notifications import notification_send
from projects.models import Message

DIGEST_KIND = "message_digest"


def messages_digest_send_due(*, now: datetime | None = None) -> int:
    """One e-mail per person whose messages have waited unread longer than the digest delay
    and arrived since their last digest. Returns how many digests were sent."""
    now = now or timezone.now()
    ripe_before = now - timedelta(seconds=settings.MESSAGE_DIGEST_DELAY_SECONDS)
    waiting = (
        Message.objects.filter(
            read_at__isnull=True, created_at__lte=ripe_before, recipient__is_active=True
        )
        .values("recipient_id")
        .annotate(count=Count("id"), newest=Max("created_at"))
    )
    last_digest = dict(
        Notification.objects.filter(kind=DIGEST_KIND)
        .values("recipient_id")
        .annotate(at=Max("created_at"))
        .values_list("recipient_id", "at")
    )
    sent = 0
    for row in waiting:
        previous = last_digest.get(row["recipient_id"])
        if previous is not None and row["newest"] <= previous:
            continue  # nothing new since the last digest
        unread = Message.objects.filter(recipient_id=row["recipient_id"], read_at__isnull=True)
        if previous is not None:
            unread = unread.filter(created_at__gt=previous)
        count = unread.count()
        notification_send(
            recipient=User.objects.get(pk=row["recipient_id"]),
            kind=DIGEST_KIND,
            title=f"You have {count} unread message{'s' if count != 1 else ''}",
            body="Open Slipstream to read and answer them.",
            url="/notifications/",
        )
        sent += 1
    return sent
