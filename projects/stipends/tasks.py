"""Background tasks (Django's tasks framework): Stripe calls never run inside a request's
transaction. Services enqueue these after commit; each calls one service, which is idempotent."""

import contextlib

from django.tasks import task

from projects.stipends import services, stripe_client


@task
def payout_transfer(*, payout_id: int) -> str:
    return services.payout_execute(payout_id=payout_id).state


@task
def stipend_refund(*, stipend_id: int) -> str:
    return services.stipend_refund_execute(stipend_id=stipend_id).state


@task
def checkout_expire(*, session_id: str) -> None:
    """Close the hosted page of a cancelled engagement; an already closed one is fine."""
    # Already expired, completed (then refunded by the webhook) or gone: nothing to close.
    with contextlib.suppress(stripe_client.PaymentProviderError):
        stripe_client.checkout_session_expire(session_id=session_id)


@task
def stipends_run_due() -> dict[str, int]:
    """Lapse unfunded acceptances, auto-release overdue approvals, retry waiting payouts."""
    return {
        "lapsed": services.stipend_lapse_unfunded(),
        "auto_released": services.stipend_auto_release_due(),
        "payouts_retried": services.payouts_retry_pending(),
    }
