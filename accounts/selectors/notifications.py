"""Reads of the signed-in person's notifications: nobody else's are ever listed."""

from django.db.models import QuerySet

from accounts.models import Notification, User


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """Every notification of `user`; the API pages through it newest first."""
    return Notification.objects.filter(recipient=user)


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
