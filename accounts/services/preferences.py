"""Notification preferences and the signed one-click unsubscribe link of digest e-mails."""

from typing import Any

from django.core import signing
from django.db import transaction

from accounts import error_codes, locks
from accounts.models import NotificationPreference, Profile, User
from marketplace.errors import DomainError, NotFound

PREFERENCE_FIELDS = (
    "saved_search_digest",
    "recommendation_digest",
    "recommendation_threshold",
    "nudges",
    "report_back_prompts",
    "invitations",
)
# What a signed unsubscribe link may turn off.
UNSUBSCRIBE_TOPICS = ("saved_search_digest", "recommendation_digest", "nudges")
_SALT = "slipstream.unsubscribe"


def notification_preferences_get(*, user: User) -> NotificationPreference:
    """The person's preferences; the defaults (unsaved) when they never changed any."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )


def notification_preferences_update(
    *, user: User, discoverable: bool | None = None, **changes: Any
) -> NotificationPreference:
    """Change some preferences (and whether mentors may find and invite the person)."""
    unknown = set(changes) - set(PREFERENCE_FIELDS)
    if unknown:
        raise DomainError(f"Unknown preferences: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        preferences = locks.notification_preferences_lock(user)
        for field, value in changes.items():
            setattr(preferences, field, value)
        preferences.save()
        if discoverable is not None:
            Profile.objects.filter(user=user).update(discoverable=discoverable)
    return preferences


def unsubscribe_token_make(*, user: User, topic: str) -> str:
    return signing.dumps({"u": user.pk, "t": topic}, salt=_SALT, compress=True)


def unsubscribe_by_token(*, token: str) -> tuple[User, str]:
    """Turn off the topic the signed token names. A tampered or foreign token changes nothing
    and answers 404 (no such link)."""
    try:
        data = signing.loads(token, salt=_SALT)
        user = User.objects.get(pk=data["u"], is_active=True)
        topic = data["t"]
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError) as error:
        raise NotFound(
            "This unsubscribe link is not valid.", code=error_codes.UNSUBSCRIBE_LINK_INVALID
        ) from error
    if topic not in UNSUBSCRIBE_TOPICS:
        raise NotFound(
            "This unsubscribe link is not valid.", code=error_codes.UNSUBSCRIBE_LINK_INVALID
        )
    notification_preferences_update(user=user, **{topic: False})
    return user, topic
