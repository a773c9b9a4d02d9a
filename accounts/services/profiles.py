"""Accounts and profiles: creating them, editing the profile, the avatar."""

import io
import re
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

from accounts import error_codes, locks
from accounts.models import HandleRedirect, Profile, User
from accounts.uploads import IMAGE_KINDS, stored_file_delete_on_commit, upload_validate
from marketplace.errors import Conflict, DomainError
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
        "years_experience", "linkedin_url", "discoverable", "joins_career_office",
    }
)  # fmt: skip
# The neutral handle an account gets before it has a name (profile_ensure): replaced by one
# made from the display name as soon as the person gives it.
_PLACEHOLDER_HANDLE = re.compile(r"^member-[0-9a-f]{6}$")


def _handle_candidates(base: str) -> Iterator[str]:
    base = (slugify(base) or "member")[: _HANDLE_MAX - 6].strip("-") or "member"
    # "deleted-<id>" is what account deletion gives a profile: never made from a name.
    if base in RESERVED_HANDLES or len(base) < 3 or base.startswith("deleted"):
        base = f"{base}-member"
    yield base
    for n in range(2, 10_000):
        yield f"{base}-{n}"


def _handle_in_use(handle: str, *, profile_id: int | None = None) -> bool:
    """Taken by another profile now, or once (an old handle redirects to its owner for good)."""
    others = Profile.objects.filter(handle=handle)
    redirects = HandleRedirect.objects.filter(old_handle=handle)
    if profile_id is not None:  # (excluding None would exclude nothing: pk and profile are set)
        others = others.exclude(pk=profile_id)
        redirects = redirects.exclude(profile_id=profile_id)
    return others.exists() or redirects.exists()


def _free_handle_from(name: str, *, profile_id: int | None = None) -> str:
    """The first free handle made from `name`: "ada-lovelace", else "ada-lovelace-2", ..."""
    for handle in _handle_candidates(name):
        if not _handle_in_use(handle, profile_id=profile_id):
            return handle
    raise RuntimeError("no free handle")  # unreachable in practice: 10,000 suffixes


def _handle_move(*, profile: Profile, new_handle: str) -> None:
    """Point `profile` at `new_handle`, keeping its old handle as a permanent redirect (and
    taking back a handle of its own it used before)."""
    HandleRedirect.objects.filter(profile=profile, old_handle=new_handle).delete()
    HandleRedirect.objects.get_or_create(old_handle=profile.handle, defaults={"profile": profile})
    profile.handle = new_handle


def profile_ensure(*, user: User, display_name: str = "") -> Profile:
    """Give `user` a profile with a unique handle derived from their name, else a neutral
    "member-xxxxxx": a public URL must not reveal the e-mail address."""
    existing = Profile.objects.filter(user=user).first()
    if existing:
        return existing
    seed = display_name or f"member-{secrets.token_hex(3)}"
    for handle in _handle_candidates(seed):
        if _handle_in_use(handle):
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

    `onboarding_completed=True` stamps the end of the welcome wizard. A person may choose
    their handle once (HANDLE_CHANGE_USED after that); until then, giving a display name
    replaces the neutral "member-xxxxxx" with a handle made from it. Every handle left behind
    redirects to the profile for good.
    """
    data = dict(data)
    onboarding_completed = data.pop("onboarding_completed", None)
    unknown = set(data) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    profile_ensure(user=user)
    with transaction.atomic():
        profile = locks.profile_lock(user)
        new_handle = data.pop("handle", "").lower()
        if new_handle and new_handle != profile.handle:
            _check_handle(handle=new_handle, profile=profile)
            _handle_move(profile=profile, new_handle=new_handle)
            profile.handle_chosen_at = timezone.now()
            data["handle_chosen_at"] = profile.handle_chosen_at
            data["handle"] = new_handle
        elif (
            data.get("display_name")
            and profile.handle_chosen_at is None
            and _PLACEHOLDER_HANDLE.match(profile.handle)
        ):
            _handle_move(
                profile=profile,
                new_handle=_free_handle_from(data["display_name"], profile_id=profile.pk),
            )
            data["handle"] = profile.handle
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
    if profile.handle_chosen_at is not None:
        raise Conflict(
            "You have already changed your handle once; it stays as it is so the links you "
            "shared keep working.",
            code=error_codes.HANDLE_CHANGE_USED,
            fields={"handle": ["Your handle can be changed only once."]},
        )
    if handle in RESERVED_HANDLES or handle.startswith("deleted-"):
        raise DomainError(
            "That handle is reserved.",
            code=error_codes.HANDLE_RESERVED,
            fields={"handle": ["This handle is reserved; try another."]},
        )
    if _handle_in_use(handle, profile_id=profile.pk):
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
            profile = locks.profile_lock(user)
            stored_file_delete_on_commit(profile.avatar.name)
            profile.avatar.name = name
            profile.save(update_fields=["avatar", "updated_at"])
    except Exception:
        default_storage.delete(name)
        raise
    return profile


def avatar_remove(*, user: User) -> Profile:
    with transaction.atomic():
        profile = locks.profile_lock(user)
        stored_file_delete_on_commit(profile.avatar.name)
        profile.avatar = ""
        profile.save(update_fields=["avatar", "updated_at"])
    return profile
