"""Notifications: the in-app inbox, and an e-mail sent in the background after commit."""

from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from accounts.email_headers import header_text
from accounts.models import Notification, User
from accounts.tasks import send_notification_email


def notification_send(
    *, recipient: User, kind: str, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Record an in-app notification and, after commit, e-mail it in the background."""
    # Names and titles in a notice are other people's text: PostgreSQL stores no NUL in text (or
    # in a queued task's JSON), so it is dropped from both here, on every database alike.
    title, body = title.replace("\x00", ""), body.replace("\x00", "")
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:200], body=body, url=url
    )
    if email and recipient.is_active:
        link = f"\n\n{settings.SITE_URL}{url}" if url else ""
        # Made header-safe before it is queued: a queued task's arguments are stored as JSON,
        # which PostgreSQL refuses with a NUL in it.
        subject = header_text(f"Slipstream: {title}")
        transaction.on_commit(
            lambda: send_notification_email.enqueue(
                to=recipient.email, subject=subject, body=f"{body}{link}"
            )
        )
    return notification


def _pointing_at(url: str) -> models.Q:
    # A link may carry a fragment (#feedback-heading) that points inside the same page.
    return models.Q(url=url) | models.Q(url__startswith=f"{url}#")


def notifications_mark_read(
    *, user: User, ids: Iterable[int] | None = None, url: str | None = None
) -> int:
    """Mark the given notifications of `user` read (by id, or every one pointing at the page
    `url`, as when that page is opened; neither: all); other people's ids are ignored."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(id__in=list(ids))
    if url is not None:
        unread = unread.filter(_pointing_at(url))
    return unread.update(read_at=timezone.now())


def notifications_rewrite(*, user: User, url: str, kind: str, body: str) -> int:
    """Give `user`'s notices of `kind` about the page `url` a body that is true now (read or
    not: the inbox still shows read ones), when the state they described has moved on."""
    return (
        Notification.objects.filter(recipient=user, kind=kind)
        .filter(_pointing_at(url))
        .exclude(body=body)
        .update(body=body)
    )


def notifications_resolve(*, user: User, url: str, kinds: Iterable[str]) -> int:
    """Mark `user`'s unread notifications of these kinds that point at `url` read: what they
    asked for is done, so they no longer show as something to do."""
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True, kind__in=list(kinds))
        .filter(_pointing_at(url))
        .update(read_at=timezone.now())
    )
