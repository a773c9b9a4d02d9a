"""Messages: a conversation exists only inside an application, an engagement or an offer."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.services.notifications import notification_send
from marketplace.errors import DomainError, NotFound, field_error
from projects import error_codes as codes
from projects.models import (
    Application,
    Engagement,
    Message,
)
from projects.offers.models import Offer
from projects.people import display_name
from projects.selectors.conversations import engagement_conversation_q
from projects.transitions import DRAFTER, MENTOR, transition_require

MESSAGE_MAX_LENGTH = 2000


def _message_rate_check(user: User) -> None:
    key = f"message-rate:{user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    if cache.incr(key) > settings.MESSAGE_RATE_PER_MINUTE:
        raise DomainError(
            "You are sending messages very quickly; wait a minute and try again.",
            code=codes.MESSAGE_RATE_LIMITED,
            status_code=429,
        )


def message_send(
    *,
    sender: User,
    body: str,
    application_id: int | None = None,
    engagement_id: int | None = None,
    offer_id: int | None = None,
) -> Message:
    """Write in the thread of an application, an engagement or an offer you are one of the two
    people in."""
    body = body.strip()
    if not body:
        raise field_error("Write something first.", code=codes.MESSAGE_EMPTY, field="body")
    if len(body) > MESSAGE_MAX_LENGTH:
        raise field_error(
            f"Keep messages to {MESSAGE_MAX_LENGTH} characters.",
            code=codes.MESSAGE_TOO_LONG,
            field="body",
        )
    if application_id is not None:
        application = (
            Application.objects.filter(pk=application_id)
            .filter(_participant_q(sender, mentor_path="task__mentor"))
            .select_related("task")
            .first()
        )
        if application is None:
            raise NotFound("Conversation not found.")
        mentor_id, drafter_id = application.task.mentor_id, application.drafter_id
        role = MENTOR if sender.pk == mentor_id else DRAFTER
        transition_require(application, "message", role=role)
        thread: dict[str, Application | Engagement | Offer] = {"application": application}
        url, title = f"/applications/{application.pk}/", application.task.title
    elif offer_id is not None:
        offer = (
            Offer.objects.filter(pk=offer_id)
            .filter(_participant_q(sender, mentor_path="mentor"))
            .first()
        )
        if offer is None:
            raise NotFound("Conversation not found.")
        mentor_id, drafter_id = offer.mentor_id, offer.drafter_id
        role = MENTOR if sender.pk == mentor_id else DRAFTER
        transition_require(offer, "message", role=role)
        thread = {"offer": offer}
        url, title = f"/offers/{offer.pk}/", offer.title
    else:
        if engagement_id is None:  # none of the three threads was named
            raise NotFound("Conversation not found.")
        engagement = (
            Engagement.objects.filter(pk=engagement_id)
            .filter(_participant_q(sender, mentor_path="mentor"))
            .select_related("task")
            .first()
        )
        if engagement is None:
            raise NotFound("Conversation not found.")
        mentor_id, drafter_id = engagement.mentor_id, engagement.drafter_id
        transition_require(
            engagement, "message", role=MENTOR if sender.pk == mentor_id else DRAFTER
        )
        thread = {"engagement": engagement}
        url, title = f"/engagements/{engagement.pk}/", engagement.task.title
    _message_rate_check(sender)
    recipient_id = drafter_id if sender.pk == mentor_id else mentor_id
    recipient = User.objects.get(pk=recipient_id)
    with transaction.atomic():
        message = Message.objects.create(sender=sender, recipient=recipient, body=body, **thread)
        notification_send(
            recipient=recipient,
            kind="message",
            title=f"New message from {display_name(sender)} about “{title}”",
            body=body[:280],
            url=url,
            # In-app only: unread messages are e-mailed in one delayed digest
            # (projects.services.message_digests), never one e-mail per message.
            email=False,
        )
    return message


def _participant_q(user: User, *, mentor_path: str) -> Q:
    return Q(**{mentor_path: user}) | Q(drafter=user)


def messages_mark_read(
    *,
    user: User,
    application_id: int | None = None,
    engagement_id: int | None = None,
    offer_id: int | None = None,
) -> int:
    """Mark the messages sent to `user` in one thread as read; returns how many changed. An
    engagement's thread is its whole conversation, the offer's and application's lines too."""
    if application_id is not None:
        thread = Q(application_id=application_id)
    elif offer_id is not None:
        thread = Q(offer_id=offer_id)
    else:
        thread = engagement_conversation_q(engagement_id=engagement_id, user=user)
    return Message.objects.filter(thread, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
