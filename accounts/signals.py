"""allauth's e-mail signals → accounts services. Handlers only translate and call."""

from typing import Any

from allauth.account.signals import email_changed, email_confirmed, email_removed
from django.dispatch import receiver

from accounts.services.institutions import (
    institution_membership_on_email_verified,
    institution_memberships_revalidate,
)
from accounts.services.work_email import profile_work_domain_refresh


@receiver(email_confirmed, dispatch_uid="accounts.membership_on_email_confirmed")
def _on_email_confirmed(sender: Any, request: Any, email_address: Any, **kwargs: Any) -> None:
    institution_membership_on_email_verified(user=email_address.user, email=email_address.email)
    profile_work_domain_refresh(user=email_address.user)


@receiver(email_removed, dispatch_uid="accounts.membership_on_email_removed")
def _on_email_removed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    institution_memberships_revalidate(user=user)
    profile_work_domain_refresh(user=user)


@receiver(email_changed, dispatch_uid="accounts.membership_on_email_changed")
def _on_email_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    institution_memberships_revalidate(user=user)
    profile_work_domain_refresh(user=user)
