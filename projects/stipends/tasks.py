"""Background tasks (Django's tasks framework): Stripe calls never run inside a request's
transaction. services/schedule.py enqueues these after commit; each runs one idempotent
function of services/outbound.py."""

from django.tasks import task

from projects.stipends.services import outbound


@task
def payout_transfer(*, payout_id: int) -> str:
    return outbound.payout_execute(payout_id=payout_id).state


@task
def stipend_refund(*, stipend_id: int) -> str:
    return outbound.stipend_refund_execute(stipend_id=stipend_id).state


@task
def checkout_expire(*, session_id: str) -> None:
    """Close the hosted page of a cancelled engagement; an already closed one is fine."""
    outbound.checkout_session_expire(session_id=session_id)
