"""Writes for accounts: one function per use case, keyword-only arguments."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from accounts.models import Notification, Profile, User
from accounts.tasks import send_notification_email

_HANDLE_MAX = 40


def _handle_candidates(base: str):
    base = (slugify(base) or "member")[: _HANDLE_MAX - 6].strip("-") or "member"
    yield base
    for n in range(2, 10_000):
        yield f"{base}-{n}"


def profile_ensure(*, user: User, display_name: str = "") -> Profile:
    """Give `user` a profile with a unique handle derived from their name or e-mail."""
    existing = Profile.objects.filter(user=user).first()
    if existing:
        return existing
    seed = display_name or user.email.split("@", 1)[0]
    for handle in _handle_candidates(seed):
        if Profile.objects.filter(handle=handle).exists():
            continue
        try:
            with transaction.atomic():
                return Profile.objects.create(user=user, handle=handle, display_name=display_name)
        except IntegrityError:
            continue  # another sign-up took this handle between the check and the insert
    raise RuntimeError("no free handle")  # unreachable in practice: 10,000 suffixes


def user_create(
    *, email: str, password: str | None, display_name: str = "", email_verified: bool = False
) -> User:
    """Create an account outside sign-up (admin, demo data); sign-up goes through allauth."""
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password)
        profile_ensure(user=user, display_name=display_name)
        EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=email_verified
        )
    return user


def profile_update(*, user: User, data: dict) -> Profile:
    """Apply already-validated profile fields; callers validate with an input serializer."""
    allowed = {"display_name", "headline", "bio", "wants_to_mentor", "wants_to_draft"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    profile = profile_ensure(user=user)
    for name, value in data.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save(update_fields=[*data, "updated_at"])
    return profile


def notification_send(
    *, recipient: User, kind: str, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Record an in-app notification and, after commit, e-mail it in the background."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:200], body=body, url=url
    )
    if email and recipient.is_active:
        link = f"\n\n{settings.SITE_URL}{url}" if url else ""
        transaction.on_commit(
            lambda: send_notification_email.enqueue(
                to=recipient.email, subject=f"Slipstream: {title}", body=f"{body}{link}"
            )
        )
    return notification
