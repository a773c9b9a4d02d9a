"""Writes for accounts: one function per use case, keyword-only arguments.

Each function checks permission and state, locks what it changes, writes, and leaves side
effects (e-mail, deleting stored files) to transaction.on_commit.
"""

import io
import uuid
from collections.abc import Iterable
from typing import IO, Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from PIL import Image, ImageOps

from accounts import consent_terms, error_codes
from accounts.models import (
    Consent,
    Institution,
    InstitutionMembership,
    Notification,
    PortfolioItem,
    Profile,
    Skill,
    User,
    UserSkill,
)
from accounts.skill_keys import skill_base_slug, skill_clean_name, skill_search_key
from accounts.tasks import send_notification_email
from accounts.uploads import DOCUMENT_KINDS, IMAGE_KINDS, upload_validate
from marketplace.errors import DomainError, Forbidden, NotFound

_HANDLE_MAX = 40
# Words that would make a profile URL look like one of ours (/u/admin/, /u/settings/ ...).
RESERVED_HANDLES = frozenset(
    {
        "admin", "administrator", "api", "accounts", "account", "settings", "welcome", "me",
        "root", "staff", "support", "help", "slipstream", "moderator", "security", "login",
        "logout", "signup", "static", "media", "null", "undefined", "deleted", "system",
    }
)  # fmt: skip
MAX_SKILLS_PER_USER = 50
PORTFOLIO_MAX_ITEMS = 50
PORTFOLIO_MAX_BYTES = 200 * 1024 * 1024
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 25_000_000
AVATAR_SIZE = 512


def _handle_candidates(base: str):
    base = (slugify(base) or "member")[: _HANDLE_MAX - 6].strip("-") or "member"
    if base in RESERVED_HANDLES or len(base) < 3:
        base = f"{base}-member"
    yield base
    for n in range(2, 10_000):
        yield f"{base}-{n}"


def _on_commit_delete_file(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _lock_user(user: User) -> User:
    """Serialise one person's writes that check totals first (quotas, skill counts)."""
    return User.objects.select_for_update().get(pk=user.pk)


# --- Profile -----------------------------------------------------------------------------------


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


PROFILE_FIELDS = frozenset(
    {
        "handle", "display_name", "headline", "bio", "wants_to_mentor", "wants_to_draft",
        "location", "time_zone", "weekly_hours", "links", "organisation", "job_title",
        "years_experience",
    }
)  # fmt: skip


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
        profile = Profile.objects.select_for_update().get(user=user)
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
            profile = Profile.objects.select_for_update().get(user=user)
            _on_commit_delete_file(profile.avatar.name)
            profile.avatar.name = name
            profile.save(update_fields=["avatar", "updated_at"])
    except Exception:
        default_storage.delete(name)
        raise
    return profile


def avatar_remove(*, user: User) -> Profile:
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        _on_commit_delete_file(profile.avatar.name)
        profile.avatar = ""
        profile.save(update_fields=["avatar", "updated_at"])
    return profile


# --- Skills ------------------------------------------------------------------------------------


def skill_propose(*, user: User, name: str, category: str = "") -> tuple[Skill, bool]:
    """Return the catalogue's skill with this name, creating it if no normalised twin exists.

    The second value says whether it was created.
    """
    name = skill_clean_name(name)
    key = skill_search_key(name)
    if not key:
        raise DomainError(
            "A skill name needs letters or digits.",
            code="invalid",
            fields={"name": ["Use letters or digits in a skill name."]},
        )
    existing = Skill.objects.filter(search_key=key).first()
    if existing:
        return existing, False
    base = skill_base_slug(name)
    for n in range(1, 100):
        slug = base if n == 1 else f"{base}-{n}"
        try:
            with transaction.atomic():
                skill = Skill.objects.create(
                    name=name, slug=slug, category=category, search_key=key, proposed_by=user
                )
            return skill, True
        except IntegrityError:
            twin = Skill.objects.filter(search_key=key).first()
            if twin:  # someone proposed the same skill a moment ago
                return twin, False
    raise RuntimeError("no free skill slug")


def user_skills_set(*, user: User, items: list[dict[str, Any]]) -> list[UserSkill]:
    """Replace the person's skills with `items` ([{"skill_id", "level"}]); levels may change."""
    if len(items) > MAX_SKILLS_PER_USER:
        raise DomainError(
            f"You can list at most {MAX_SKILLS_PER_USER} skills.",
            code=error_codes.SKILL_LIMIT,
            fields={"skills": [f"At most {MAX_SKILLS_PER_USER} skills."]},
        )
    wanted = {item["skill_id"]: item["level"] for item in items}
    known = set(Skill.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if missing := sorted(set(wanted) - known):
        raise DomainError(
            "Some skills are not in the catalogue.",
            code=error_codes.SKILL_UNKNOWN,
            fields={"skills": [f"Unknown skill ids: {', '.join(map(str, missing))}."]},
        )
    with transaction.atomic():
        _lock_user(user)
        current = {us.skill_id: us for us in UserSkill.objects.filter(user=user)}
        UserSkill.objects.filter(user=user).exclude(skill_id__in=wanted).delete()
        changed = []
        for skill_id, level in wanted.items():
            if skill_id in current and current[skill_id].level != level:
                current[skill_id].level = level
                changed.append(current[skill_id])
        UserSkill.objects.bulk_update(changed, ["level"])
        UserSkill.objects.bulk_create(
            [
                UserSkill(user=user, skill_id=skill_id, level=level)
                for skill_id, level in wanted.items()
                if skill_id not in current
            ]
        )
    return list(UserSkill.objects.filter(user=user).select_related("skill").order_by("skill__name"))


# --- Portfolio -----------------------------------------------------------------------------------


def _portfolio_skills(skill_ids: Iterable[int]) -> list[Skill]:
    skill_ids = list(dict.fromkeys(skill_ids))
    skills = list(Skill.objects.filter(pk__in=skill_ids))
    if len(skills) != len(skill_ids):
        missing = sorted(set(skill_ids) - {s.pk for s in skills})
        raise DomainError(
            "Some skills are not in the catalogue.",
            code=error_codes.SKILL_UNKNOWN,
            fields={"skill_ids": [f"Unknown skill ids: {', '.join(map(str, missing))}."]},
        )
    return skills


def _portfolio_check_storage(*, owner: User, extra_bytes: int, exclude_id: int | None) -> None:
    used = (
        PortfolioItem.objects.filter(owner=owner)
        .exclude(pk=exclude_id)
        .aggregate(total=Sum("file_size"))["total"]
        or 0
    )
    if used + extra_bytes > PORTFOLIO_MAX_BYTES:
        limit_mb = PORTFOLIO_MAX_BYTES // (1024 * 1024)
        raise DomainError(
            f"Your portfolio files may use at most {limit_mb} MB in total.",
            code=error_codes.PORTFOLIO_STORAGE_LIMIT,
            fields={"file": [f"This would take your portfolio over {limit_mb} MB."]},
        )


def _store_portfolio_file(*, item: PortfolioItem, file: IO[bytes], kind_name: str) -> None:
    original = getattr(file, "name", "") or "file"
    stem = get_valid_filename(original.rsplit("/", 1)[-1]).rsplit(".", 1)[0][:100] or "file"
    item.file_kind = kind_name
    item.file_size = file.size if hasattr(file, "size") else len(file.read())
    item.file_name = f"{stem}.{'jpg' if kind_name == 'jpeg' else kind_name}"
    file.seek(0)
    item.file.save("upload", file, save=False)  # portfolio_file_path picks a random name


def portfolio_item_create(
    *,
    owner: User,
    title: str,
    description: str = "",
    link: str = "",
    visibility: str = PortfolioItem.Visibility.PUBLIC,
    skill_ids: Iterable[int] = (),
    file: IO[bytes] | None = None,
) -> PortfolioItem:
    kind = upload_validate(file=file, field="file", allowed=DOCUMENT_KINDS) if file else None
    if not link and not file:
        raise DomainError(
            "Add a link or a file so people can see the work.",
            code=error_codes.PORTFOLIO_EVIDENCE_MISSING,
            fields={"link": ["Add a link or a file."], "file": ["Add a link or a file."]},
        )
    skills = _portfolio_skills(skill_ids)
    item = PortfolioItem(
        owner=owner, title=title, description=description, link=link, visibility=visibility
    )
    try:
        with transaction.atomic():
            _lock_user(owner)
            existing = PortfolioItem.objects.filter(owner=owner)
            if existing.count() >= PORTFOLIO_MAX_ITEMS:
                raise DomainError(
                    f"A portfolio holds at most {PORTFOLIO_MAX_ITEMS} items.",
                    code=error_codes.PORTFOLIO_ITEM_LIMIT,
                    fields={"non_field_errors": [f"At most {PORTFOLIO_MAX_ITEMS} items."]},
                )
            if file:
                _portfolio_check_storage(owner=owner, extra_bytes=file.size, exclude_id=None)
            last = existing.aggregate(last=Max("position"))["last"]
            item.position = 0 if last is None else last + 1
            if file:
                _store_portfolio_file(item=item, file=file, kind_name=kind.name)
            item.save()
            item.skills.set(skills)
    except Exception:
        if item.file.name:  # stored, but the row was rolled back: nothing may be left behind
            default_storage.delete(item.file.name)
        raise
    return item


_UNSET: Any = object()


def portfolio_item_update(
    *,
    owner: User,
    item_id: int,
    data: dict[str, Any],
    file: IO[bytes] | None = _UNSET,
) -> PortfolioItem:
    """Change an item's fields; `file=None` removes the file, a file replaces it."""
    allowed = {"title", "description", "link", "visibility", "skill_ids"}
    if unknown := set(data) - allowed:
        raise ValueError(f"not portfolio fields: {sorted(unknown)}")
    replacing = file is not _UNSET and file is not None
    kind = upload_validate(file=file, field="file", allowed=DOCUMENT_KINDS) if replacing else None
    skills = _portfolio_skills(data["skill_ids"]) if "skill_ids" in data else None
    new_name = ""
    try:
        with transaction.atomic():
            _lock_user(owner)
            item = _portfolio_item_for_owner(owner=owner, item_id=item_id, lock=True)
            old_name = item.file.name
            for name in ("title", "description", "link", "visibility"):
                if name in data:
                    setattr(item, name, data[name])
            if file is None and old_name:
                item.file, item.file_kind, item.file_size, item.file_name = "", "", 0, ""
            elif replacing:
                _portfolio_check_storage(owner=owner, extra_bytes=file.size, exclude_id=item.pk)
                _store_portfolio_file(item=item, file=file, kind_name=kind.name)
                new_name = item.file.name
            if not item.link and not item.file:
                raise DomainError(
                    "Keep a link or a file so people can see the work.",
                    code=error_codes.PORTFOLIO_EVIDENCE_MISSING,
                    fields={"link": ["Add a link or a file."], "file": ["Add a link or a file."]},
                )
            item.save()
            if skills is not None:
                item.skills.set(skills)
            if old_name and item.file.name != old_name:
                _on_commit_delete_file(old_name)
    except Exception:
        if new_name:
            default_storage.delete(new_name)
        raise
    return item


def _portfolio_item_for_owner(*, owner: User, item_id: int, lock: bool = False) -> PortfolioItem:
    queryset = PortfolioItem.objects.filter(owner=owner, pk=item_id)
    item = (queryset.select_for_update() if lock else queryset).first()
    if item is None:  # missing or someone else's: the same answer
        raise NotFound("No such portfolio item.")
    return item


def portfolio_item_delete(*, owner: User, item_id: int) -> None:
    with transaction.atomic():
        item = _portfolio_item_for_owner(owner=owner, item_id=item_id, lock=True)
        _on_commit_delete_file(item.file.name)
        item.delete()


def portfolio_reorder(*, owner: User, item_ids: list[int]) -> list[PortfolioItem]:
    """Put the owner's items in the order given; the list must name every item exactly once."""
    with transaction.atomic():
        _lock_user(owner)
        items = {item.pk: item for item in PortfolioItem.objects.filter(owner=owner)}
        if len(item_ids) != len(set(item_ids)) or set(item_ids) != set(items):
            raise DomainError(
                "Send every one of your portfolio item ids once, in the new order.",
                code=error_codes.PORTFOLIO_REORDER_MISMATCH,
                fields={"item_ids": ["Must list each of your portfolio items exactly once."]},
            )
        for position, item_id in enumerate(item_ids):
            items[item_id].position = position
        PortfolioItem.objects.bulk_update(items.values(), ["position"])
    return sorted(items.values(), key=lambda item: item.position)


# --- Institutions and memberships --------------------------------------------------------------


def _email_domain_candidates(email: str) -> list[str]:
    """uni.edu matches alice@uni.edu and alice@cs.uni.edu."""
    domain = email.rsplit("@", 1)[-1].lower().strip(".")
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def _institutions_for_email(email: str) -> list[Institution]:
    candidates = set(_email_domain_candidates(email))
    # Domains live in a JSON list, which SQLite cannot search by element; institutions number
    # in the hundreds at most, so comparing in Python is cheap and portable.
    return [
        institution
        for institution in Institution.objects.only("id", "email_domains", "name", "slug")
        if candidates & {d.lower().strip().lstrip("@") for d in institution.email_domains}
    ]


def institution_membership_on_email_verified(
    *, user: User, email: str
) -> list[InstitutionMembership]:
    """A verified address on an institution's domain makes its owner a student member there."""
    made = []
    with transaction.atomic():
        _lock_user(user)
        for institution in _institutions_for_email(email):
            membership = InstitutionMembership.objects.filter(
                user=user,
                institution=institution,
                role=InstitutionMembership.Role.STUDENT,
                ended_at__isnull=True,
            ).first()
            if membership is None:
                membership = InstitutionMembership.objects.create(
                    user=user,
                    institution=institution,
                    role=InstitutionMembership.Role.STUDENT,
                    email=email.lower(),
                )
            made.append(membership)
    return made


def institution_memberships_revalidate(*, user: User) -> None:
    """After an address is removed or changed: a student membership needs a verified address
    on the institution's domains still; otherwise it ends (and its consent with it)."""
    with transaction.atomic():
        _lock_user(user)
        verified = [
            address.email.lower()
            for address in EmailAddress.objects.filter(user=user, verified=True)
        ]
        active = InstitutionMembership.objects.filter(
            user=user, role=InstitutionMembership.Role.STUDENT, ended_at__isnull=True
        ).select_related("institution")
        for membership in active:
            if membership.email in verified:
                continue
            domains = {d.lower() for d in membership.institution.email_domains}
            other = next((e for e in verified if domains & set(_email_domain_candidates(e))), None)
            if other:
                membership.email = other
                membership.save(update_fields=["email", "updated_at"])
            else:
                _membership_end(membership)


def _membership_end(membership: InstitutionMembership) -> None:
    now = timezone.now()
    membership.ended_at = now
    membership.save(update_fields=["ended_at", "updated_at"])
    if membership.role == InstitutionMembership.Role.STUDENT:
        # Consent was given as a student of this institution; it does not outlive that.
        Consent.objects.filter(
            student_id=membership.user_id,
            institution_id=membership.institution_id,
            revoked_at__isnull=True,
        ).update(revoked_at=now)


def membership_leave(*, user: User, membership_id: int) -> None:
    with transaction.atomic():
        membership = (
            InstitutionMembership.objects.select_for_update()
            .filter(pk=membership_id, user=user, ended_at__isnull=True)
            .first()
        )
        if membership is None:
            raise NotFound("No such membership.")
        _membership_end(membership)


def _is_institution_staff(*, user: User, institution: Institution) -> bool:
    return InstitutionMembership.objects.filter(
        user=user,
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        ended_at__isnull=True,
    ).exists()


def institution_staff_add(
    *, actor: User, institution_slug: str, email: str
) -> InstitutionMembership:
    """Existing staff (or site staff) add a colleague by one of their verified addresses."""
    institution = Institution.objects.filter(slug=institution_slug).first()
    if institution is None:
        raise NotFound("No such institution.")
    if not (actor.is_staff or _is_institution_staff(user=actor, institution=institution)):
        raise Forbidden(
            "Only the institution's career-office staff can add staff.",
            code=error_codes.NOT_INSTITUTION_STAFF,
        )
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    if address is None or not address.user.is_active:
        raise DomainError(
            "No Slipstream account has verified this address.",
            code=error_codes.NO_SUCH_ACCOUNT,
            fields={"email": ["Ask your colleague to sign up and verify this address first."]},
        )
    with transaction.atomic():
        _lock_user(address.user)
        membership = InstitutionMembership.objects.filter(
            user=address.user,
            institution=institution,
            role=InstitutionMembership.Role.STAFF,
            ended_at__isnull=True,
        ).first()
        if membership is None:
            membership = InstitutionMembership.objects.create(
                user=address.user,
                institution=institution,
                role=InstitutionMembership.Role.STAFF,
                email=address.email.lower(),
            )
    return membership


# --- Consent -------------------------------------------------------------------------------------


def consent_grant(
    *, student: User, institution_slug: str, scopes: list[str], version: str
) -> Consent:
    """Record what the student agreed to share; it replaces (revokes) any earlier grant."""
    if version != consent_terms.VERSION:
        raise DomainError(
            "The consent wording has changed; please read it again.",
            code=error_codes.CONSENT_VERSION_OUTDATED,
            fields={"version": [f"The current version is {consent_terms.VERSION}."]},
        )
    scopes = [scope for scope in Consent.Scope.values if scope in set(scopes)]
    if not scopes:
        raise DomainError(
            "Choose at least one thing to share.",
            code=error_codes.CONSENT_SCOPE_MISSING,
            fields={"scopes": ["Choose at least one scope."]},
        )
    with transaction.atomic():
        _lock_user(student)
        membership = (
            InstitutionMembership.objects.filter(
                user=student,
                institution__slug=institution_slug,
                role=InstitutionMembership.Role.STUDENT,
                ended_at__isnull=True,
            )
            .select_related("institution")
            .first()
        )
        if membership is None:
            raise DomainError(
                "You can only share with an institution you are a verified student of.",
                code=error_codes.NOT_A_STUDENT,
                fields={"institution": ["Verify an e-mail address of this institution first."]},
            )
        now = timezone.now()
        Consent.objects.filter(
            student=student, institution=membership.institution, revoked_at__isnull=True
        ).update(revoked_at=now)
        return Consent.objects.create(
            student=student,
            institution=membership.institution,
            purpose=consent_terms.PURPOSE,
            version=consent_terms.VERSION,
            granted_at=now,
            **{scope: True for scope in scopes},
        )


def consent_revoke(*, student: User, consent_id: int) -> Consent:
    """Stop sharing from now on. The row stays, with its revocation date, as history."""
    with transaction.atomic():
        consent = (
            Consent.objects.select_for_update()
            .filter(pk=consent_id, student=student)
            .select_related("institution")
            .first()
        )
        if consent is None:
            raise NotFound("No such consent.")
        if consent.revoked_at is None:
            consent.revoked_at = timezone.now()
            consent.save(update_fields=["revoked_at"])
    return consent


# --- Account deletion ----------------------------------------------------------------------------


def user_delete(*, user: User, password: str) -> None:
    """Soft delete: personal data goes, rows other people depend on (engagements, money) stay.

    The account can no longer log in; its profile, skills, portfolio (files included),
    addresses, memberships and consents are removed or ended.
    """
    if user.has_usable_password() and not user.check_password(password):
        raise DomainError(
            "That password is not right.",
            code=error_codes.PASSWORD_INCORRECT,
            fields={"password": ["Enter your current password to delete your account."]},
        )
    from allauth.mfa.models import Authenticator  # allauth.mfa is optional for accounts' logic

    with transaction.atomic():
        user = _lock_user(user)
        now = timezone.now()
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "is_active", "password"])
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()

        profile = Profile.objects.select_for_update().get(user=user)
        _on_commit_delete_file(profile.avatar.name)
        for name, value in {
            "handle": f"deleted-{user.pk}",
            "display_name": "",
            "headline": "",
            "bio": "",
            "location": "",
            "time_zone": "",
            "weekly_hours": None,
            "links": [],
            "avatar": "",
            "organisation": "",
            "job_title": "",
            "years_experience": None,
            "wants_to_mentor": False,
            "wants_to_draft": False,
            "deleted_at": now,
        }.items():
            setattr(profile, name, value)
        profile.save()

        UserSkill.objects.filter(user=user).delete()
        for item in PortfolioItem.objects.filter(owner=user):
            _on_commit_delete_file(item.file.name)
        PortfolioItem.objects.filter(owner=user).delete()
        for membership in InstitutionMembership.objects.filter(user=user, ended_at__isnull=True):
            _membership_end(membership)
        Consent.objects.filter(student=user, revoked_at__isnull=True).update(revoked_at=now)


# --- Notifications (owned by the lifecycle work) ------------------------------------------------


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
