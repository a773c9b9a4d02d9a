"""How a payment provider failure reaches the person who asked: a 503 with words that fit it.

Two different failures, two different answers: Stripe being unreachable is transient (try again
soon), while a site without a Stripe key will never succeed until an operator switches payments
on, so telling the user to "try again in a few minutes" would send them round in circles.
"""

from marketplace.errors import DomainError
from projects.stipends import error_codes, stripe_client

NOT_CONFIGURED_MESSAGE = (
    "Payments are not switched on for this site, so stipends cannot be funded or paid out yet. "
    "The engagement is saved."
)


def provider_unavailable(
    exc: stripe_client.PaymentProviderError,
    *,
    message: str = "The payment provider could not be reached. Please try again in a moment.",
) -> DomainError:
    """`message` says what the failure left intact where the caller knows it (the page shows
    the API's own words for this code, not a generic "something went wrong")."""
    if exc.code == "not_configured":
        return DomainError(
            NOT_CONFIGURED_MESSAGE,
            code=error_codes.PAYMENTS_NOT_CONFIGURED,
            status_code=503,
        )
    return DomainError(
        message,
        code=error_codes.PAYMENT_PROVIDER_UNAVAILABLE,
        status_code=503,
    )
