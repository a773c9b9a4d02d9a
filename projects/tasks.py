"""Scheduled marketplace work (Django's tasks framework); the scheduler enqueues run_due hourly."""

from django.tasks import task

from projects.services.engagements import (
    engagements_auto_approve_due,
    engagements_lapse_unfunded_due,
)
from projects.services.message_digests import messages_digest_send_due
from projects.stipends.services.outbound import payouts_retry_pending, stipends_refunds_retry


def due_work_run() -> dict[str, int]:
    """Lapse unfunded acceptances, auto-approve (and pay) overdue deliveries, retry payouts and
    refunds that Stripe could not make."""
    return {
        "lapsed": engagements_lapse_unfunded_due(),
        "auto_released": engagements_auto_approve_due(),
        "payouts_retried": payouts_retry_pending(),
        "refunds_retried": stipends_refunds_retry(),
        "message_digests": messages_digest_send_due(),
    }


@task
def run_due() -> dict[str, int]:
    return due_work_run()
