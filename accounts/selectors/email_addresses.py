"""Whether a person's e-mail address is confirmed: browsing and filling a profile need nothing,
but applying, posting a task and sending an offer need a confirmed address."""

from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress, EmailConfirmation
from django.contrib.auth.models import AnonymousUser
from django.core import signing

from accounts import error_codes
from accounts.models import User
from marketplace.errors import Forbidden


def user_email_unverified(*, user: User) -> EmailAddress | None:
    """The address still waiting for its confirmation link, when the account has no confirmed
    one; None for a confirmed account (or one made without addresses, such as by the admin)."""
    addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "pk"))
    if not addresses or any(address.verified for address in addresses):
        return None
    return addresses[0]


def user_email_verified_require(*, user: User, action: str) -> None:
    """Refuse `action` ("apply", "post a task" ...) to an account with no confirmed address."""
    if (waiting := user_email_unverified(user=user)) is None:
        return
    raise Forbidden(
        f"Confirm your e-mail address to {action}: open the link we sent to {waiting.email}. "
        "No e-mail? Use “Resend the link or correct the address” at the top of the page.",
        code=error_codes.EMAIL_UNVERIFIED,
    )


def email_confirm_link_already_done(*, key: str, user: User | AnonymousUser) -> bool:
    """A used or expired confirmation link: is the address it names already confirmed? Then
    the page says so and leads on, instead of "this link no longer works". Opened signed out
    (the link mailed to a phone, say), the link's own address is all it asks about, and the
    answer names no address; signed in, only the owner's own link says True. Another
    account's link, or an address still waiting, says False."""
    try:
        # No max_age: an expired link still names its address.
        address_id = signing.loads(key, salt=account_settings.SALT)
    except signing.BadSignature:
        address_id = None
    if address_id is not None:
        address = EmailAddress.objects.filter(pk=address_id).only("user_id", "verified").first()
    else:
        stored = EmailConfirmation.objects.filter(key=key.lower()).select_related("email_address")
        confirmation = stored.first()
        address = confirmation.email_address if confirmation is not None else None
    if address is None or not address.verified:
        return False
    return not user.is_authenticated or address.user_id == user.pk


def email_address_added_later(*, email_address: EmailAddress) -> bool:
    """An address added after sign-up (a work or university one), not the one the account
    signed up with: not primary, or the account already had another confirmed address."""
    if not email_address.primary:
        return True
    others = EmailAddress.objects.filter(user_id=email_address.user_id, verified=True)
    return others.exclude(pk=email_address.pk).exists()
