"""Accounts and profiles: creating them, editing the profile, the avatar."""

import io
import secrets
import uuid
from collections.abc import Iterator
from typing import IO, Any

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageOps

from accounts import error_codes
from accounts.models import Profile, User
from accounts.uploads import IMAGE_KINDS, stored_file_delete_on_commit, upload_validate
from marketplace.errors import DomainError
from marketplace.events import student_activity_changed

_HANDLE_MAX = 40
# Words that would make a profile URL look like one of ours (/u/admin/, /u/settings/ ...).
RESERVED_HANDLES = frozenset(
    {
        "admin", "administrator", "api", "accounts", "account", "settings", "welcome", "me",
        "root", "staff", "support", "help", "slipstream", "moderator", "security", "login",
        "logout", "signup", "static", "media", "null", "undefined", "deleted", "system",
    }
)  # fmt: skip
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 25_000_000
AVATAR_SIZE = 512

PROFILE_FIELDS = frozenset(
    {
        "handle", "display_name", "headline", "bio", "wants_to_mentor", "wants_to_draft",
        "location", "time_zone", "weekly_hours", "links", "organisation", "job_title",
        "years_experience",
    }
)  # fmt: skip


def _handle_candidates(base: str) -> Iterator[str]:
    base = (slugify(base) or "member")[: _HANDLE_MAX - 6].strip("-") or "member"
    if base in RESERVED_HANDLES or len(base) < 3:
        base = f"{base}-member"
    yield base
    for n in range(2, 10_000):
        yield f"{base}-{n}"


def _profile_lock(user: User) -> Profile:
    return Profile.objects.select_for_update(of=("self",)).get(user=user)


def profile_ensure(*, user: User, display_name: str = "") -> Profile:
    """Give `user` a profile with a unique handle derived from their name, else a neutral
    "member-xxxxxx": a public URL must not reveal the e-mail address."""
    existing = Profile.objects.filter(user=user).first()
    if existing:
        return existing
    seed = display_name or f"member-{secrets.token_hex(3)}"
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


def profile_update(*, user: User, data: dict[str, Any]) -> Profile:
    """Apply already-validated profile fields; callers validate shape with an input serializer.

    `onboarding_completed=True` stamps the end of the welcome wizard.
    """
    data = dict(data)
    onboarding_completed = data.pop("onboarding_completed", None)
    unknown = set(data) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    profile_ensure(user=user)
    with transaction.atomic():
        profile = _profile_lock(user)
        if "handle" in data:
            data["handle"] = data["handle"].lower()
            _check_handle(handle=data["handle"], profile=profile)
        for name, value in data.items():
            setattr(profile, name, value)
        changed = list(data)
        if onboarding_completed and profile.onboarding_completed_at is None:
            profile.onboarding_completed_at = timezone.now()
            changed.append("onboarding_completed_at")
        try:
            with transaction.atomic():
                profile.save(update_fields=[*changed, "updated_at"])
        except IntegrityError as error:  # the handle went to someone else after our check
            raise _handle_taken() from error
        student_activity_changed(user_ids=[user.pk], what="profile")
    return profile


def _handle_taken() -> DomainError:
    return DomainError(
        "That handle is already taken.",
        code=error_codes.HANDLE_TAKEN,
        fields={"handle": ["This handle is already taken; try another."]},
    )


def _check_handle(*, handle: str, profile: Profile) -> None:
    if handle == profile.handle:
        return
    if handle in RESERVED_HANDLES or handle.startswith("deleted-"):
        raise DomainError(
            "That handle is reserved.",
            code=error_codes.HANDLE_RESERVED,
            fields={"handle": ["This handle is reserved; try another."]},
        )
    if Profile.objects.filter(handle=handle).exclude(pk=profile.pk).exists():
        raise _handle_taken()


def avatar_set(*, user: User, file: IO[bytes]) -> Profile:
    """Check the image by content, then re-encode it: nothing the uploader made is served."""
    upload_validate(
        file=file,
        field="avatar",
        allowed=IMAGE_KINDS,
        max_bytes=AVATAR_MAX_BYTES,
        max_pixels=AVATAR_MAX_PIXELS,
    )
    with Image.open(file) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.thumbnail((AVATAR_SIZE, AVATAR_SIZE))
        out = io.BytesIO()
        # Re-encoding drops metadata (location!) and anything smuggled after the pixels.
        image.save(out, format="WEBP", quality=85)
    profile_ensure(user=user)
    name = default_storage.save(f"avatars/{uuid.uuid4().hex}.webp", ContentFile(out.getvalue()))
    try:
        with transaction.atomic():
            profile = _profile_lock(user)
            stored_file_delete_on_commit(profile.avatar.name)
            profile.avatar.name = name
            profile.save(update_fields=["avatar", "updated_at"])
    except Exception:
        default_storage.delete(name)
        raise
    return profile


def avatar_remove(*, user: User) -> Profile:
    with transaction.atomic():
        profile = _profile_lock(user)
        stored_file_delete_on_commit(profile.avatar.name)
        profile.avatar = ""
        profile.save(update_fields=["avatar", "updated_at"])
    return profile
