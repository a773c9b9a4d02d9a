"""Deleting an account: personal data goes, rows other people depend on stay."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts import error_codes, locks
from accounts.locks import user_lock
from accounts.models import (
    Consent,
    HandleRedirect,
    InstitutionMembership,
    PortfolioItem,
    User,
    UserSkill,
)
from accounts.services.institutions import membership_end
from accounts.uploads import stored_file_delete_on_commit
from marketplace.errors import Forbidden


def user_password_confirm(*, user: User, password: str) -> None:
    """Deleting an account needs its current password (accounts without one need nothing)."""
    if user.has_usable_password() and not user.check_password(password):
        raise Forbidden(
            "That password is not right.",
            code=error_codes.PASSWORD_INCORRECT,
            fields={"password": ["Enter your current password to delete your account."]},
        )


def user_delete(*, user: User, password: str) -> None:
    """Soft delete: personal data goes, rows other people depend on (engagements, money) stay.

    The account can no longer log in; its profile, skills, portfolio (files included),
    addresses, memberships and consents are removed or ended. The marketplace's side (tasks,
    applications, engagements) is closed first by projects.services.account_closure, which
    calls this as its last step.
    """
    user_password_confirm(user=user, password=password)
    from allauth.mfa.models import Authenticator  # allauth.mfa is optional for accounts' logic

    with transaction.atomic():
        user = user_lock(user)
        now = timezone.now()
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "is_active", "password"])
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()

        profile = locks.profile_lock(user)
        stored_file_delete_on_commit(profile.avatar.name)
        value: Any
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
            "linkedin_url": "",
            "verified_work_domain": "",
            "discoverable": False,
            "wants_to_mentor": False,
            "wants_to_draft": False,
            "deleted_at": now,
        }.items():
            setattr(profile, name, value)
        profile.save()
        # Old handles are often the person's name; their links now lead nowhere.
        HandleRedirect.objects.filter(profile=profile).delete()

        UserSkill.objects.filter(user=user).delete()
        for item in PortfolioItem.objects.filter(owner=user):
            stored_file_delete_on_commit(item.file.name)
        PortfolioItem.objects.filter(owner=user).delete()
        for membership in InstitutionMembership.objects.filter(user=user, ended_at__isnull=True):
            membership_end(membership=membership)
        Consent.objects.filter(student=user, revoked_at__isnull=True).update(revoked_at=now)
