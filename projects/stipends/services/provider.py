"""How a payment provider failure reaches the person who asked: a 503 to try again."""

from marketplace.errors import DomainError
from projects.stipends import error_codes, stripe_client


def provider_unavailable(
    exc: stripe_client.PaymentProviderError,
    *,
    message: str = "The payment provider could not be reached. Please try again in a moment.",
) -> DomainError:
    """`message` says what the failure left intact where the caller knows it (the page shows
    the API's own words for this code, not a generic "something went wrong")."""
    return DomainError(
        message,
        code=error_codes.PAYMENT_PROVIDER_UNAVAILABLE,
        status_code=503,
    )
