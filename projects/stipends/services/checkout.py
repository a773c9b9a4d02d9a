"""The mentor's "Fund stipend": a Stripe Checkout Session for the engagement's stipend."""

import logging

from django.conf import settings
from django.db import transaction

from accounts.models import User
from marketplace.errors import Conflict, NotFound
from projects import locks
from projects.models import Engagement
from projects.stipends import error_codes, stripe_client
from projects.stipends.models import Stipend
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from projects.stipends.services.provider import provider_unavailable

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
        if not engagement.task.is_paid:
            raise Conflict("This task has no stipend to fund.", code=error_codes.TASK_UNPAID)
        stipend = locks.stipend_lock(engagement_id=engagement.pk)
        if stipend is None and engagement.state == Engagement.State.AWAITING_FUNDING:
            stipend = stipend_on_engagement_accepted(engagement=engagement)
        if stipend is not None and stipend.state not in (
            Stipend.State.UNFUNDED,
            Stipend.State.CANCELLED,
        ):
            raise Conflict("This stipend is already funded.", code=error_codes.ALREADY_FUNDED)
        if stipend is None or engagement.state != Engagement.State.AWAITING_FUNDING:
            raise Conflict(
                "This engagement is not waiting for funding.",
                code=error_codes.NOT_AWAITING_FUNDING,
            )
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
        raise provider_unavailable(exc) from exc

    with transaction.atomic():
        stipend = locks.stipend_lock(engagement_id=engagement.pk)
        if stipend.state == Stipend.State.UNFUNDED and stipend.checkout_attempts < attempt:
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
    return session["url"]
