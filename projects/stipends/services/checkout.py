"""The mentor's "Fund stipend": a Stripe Checkout Session for the engagement's stipend."""

import logging

from django.conf import settings
from django.db import transaction

from accounts.models import User
from marketplace.errors import NotFound
from projects import locks
from projects.stipends import stripe_client
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from projects.stipends.services.provider import provider_unavailable
from projects.transitions import (
    MENTOR,
    SYSTEM,
    guard_require,
    guard_task_paid,
    transition_allows,
    transition_require,
)

logger = logging.getLogger(__name__)


def engagement_fund_start(*, engagement_id: int, user: User) -> str:
    """The mentor's "Fund stipend": return a Stripe Checkout URL for the engagement's stipend.

    Only the checkout.session.completed webhook funds the stipend; the redirect back proves
    nothing. An open session is reused, so two clicks give the same page.
    """
    with transaction.atomic():
        engagement = locks.engagement_lock(
            engagement_id=engagement_id, participant=user, role="mentor"
        )
        if engagement is None:
            raise NotFound("Engagement not found.")
        guard_require(guard_task_paid(engagement.task))
        stipend = locks.stipend_lock(engagement_id=engagement.pk)
        if stipend is None and transition_allows(engagement, "fund"):
            stipend = stipend_on_engagement_accepted(engagement=engagement)
        if stipend is not None:
            transition_require(stipend, "checkout", role=MENTOR)
        transition_require(engagement, "fund", role=MENTOR)
        # Without a stipend, "fund" was refused just above (one can be made while it is allowed).
        assert stipend is not None
        if stipend.checkout_url:
            return stipend.checkout_url
        attempt = stipend.checkout_attempts + 1
        task_title = engagement.task.title

    # Outside the transaction: no row lock is held while Stripe answers.
    site = settings.SITE_URL
    try:
        session = stripe_client.checkout_session_create(
            engagement_id=engagement.pk,
            attempt=attempt,
            amount=stipend.amount,
            currency=stipend.currency,
            product_name=f"Drafting stipend: {task_title}"[:250],
            customer_email=user.email,
            success_url=f"{site}/engagements/{engagement.pk}/?checkout=success",
            cancel_url=f"{site}/engagements/{engagement.pk}/?checkout=cancelled",
        )
    except stripe_client.PaymentProviderError as exc:
        raise provider_unavailable(
            exc,
            message=(
                "Payments are unavailable right now; your engagement is saved, so try funding "
                "the stipend again in a few minutes."
            ),
        ) from exc

    with transaction.atomic():
        stipend = locks.stipend_lock(engagement_id=engagement.pk)
        assert stipend is not None  # it existed before the Stripe call; stipends are never deleted
        if (
            transition_allows(stipend, "set_checkout_page", role=SYSTEM)
            and stipend.checkout_attempts < attempt
        ):
            stipend.checkout_session_id = session["id"]
            stipend.checkout_url = session["url"]
            stipend.checkout_attempts = attempt
            stipend.save(
                update_fields=[
                    "checkout_session_id",
                    "checkout_url",
                    "checkout_attempts",
                    "updated_at",
                ]
            )
    url: str = session["url"]
    return url
