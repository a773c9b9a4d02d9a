"""Whether a person's e-mail address is confirmed: browsing and filling a profile need nothing,
but applying, posting a task and sending an offer need a confirmed address."""

from allauth.account.models import EmailAddress

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
