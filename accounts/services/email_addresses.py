"""The address a new account waits on: send its confirmation link again, or correct a mistyped
address before it was ever confirmed. (Confirmed accounts manage their addresses on allauth's
/accounts/email/ page, where a new address is confirmed before it counts.)

allauth builds the confirmation link from the request (site and session), so these take it."""

from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.db import transaction
from django.db.models.functions import Lower
from django.http import HttpRequest

from accounts import error_codes
from accounts.locks import user_lock
from accounts.models import User
from accounts.selectors.email_addresses import user_email_unverified
from marketplace.errors import Conflict, DomainError


def _already_confirmed() -> Conflict:
    return Conflict(
        "Your e-mail address is already confirmed. Add or change addresses under Settings → "
        "E-mail addresses.",
        code=error_codes.EMAIL_ALREADY_VERIFIED,
    )


def email_confirmation_resend(*, request: HttpRequest, user: User) -> tuple[str, bool]:
    """Send the confirmation link again: the address, and whether an e-mail went out. allauth's
    rate limit (one e-mail per address every few minutes) skips a resend too soon after the
    last one; the link already sent still works."""
    address = user_email_unverified(user=user)
    if address is None:
        raise _already_confirmed()
    return address.email, send_verification_email_to_address(request, address)


def email_address_correct(*, request: HttpRequest, user: User, email: str) -> str:
    """Replace the unconfirmed address of a new account (a typo at sign-up) and send the link
    to the new one. Refused once an address is confirmed, and for an address already in use."""
    email = email.strip().lower()
    with transaction.atomic():
        user = user_lock(user)
        if user_email_unverified(user=user) is None:
            raise _already_confirmed()
        if _address_in_use(email=email, user=user):
            raise DomainError(
                "That address belongs to another account.",
                code=error_codes.EMAIL_TAKEN,
                fields={"email": ["That address belongs to another account; log in to it."]},
            )
        EmailAddress.objects.filter(user=user, verified=False).delete()
        user.email = email
        user.save(update_fields=["email"])
        address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        transaction.on_commit(lambda: _send_link(request=request, address=address))
    return email


def _send_link(*, request: HttpRequest, address: EmailAddress) -> None:
    # allauth reads the request from its context too; after commit that may be gone.
    with request_context(request):
        send_verification_email_to_address(request, address)


def _address_in_use(*, email: str, user: User) -> bool:
    others = EmailAddress.objects.annotate(lower=Lower("email")).filter(lower=email)
    users = User.objects.annotate(lower=Lower("email")).filter(lower=email)
    return others.exclude(user=user).exists() or users.exclude(pk=user.pk).exists()
