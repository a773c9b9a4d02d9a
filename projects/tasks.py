"""Scheduled marketplace work (Django's tasks framework); the scheduler enqueues run_due hourly."""

from django.tasks import task

from projects.offers.services.offers import offers_expire_due
from projects.services.engagements import (
    engagements_auto_approve_due,
    engagements_lapse_unfunded_due,
)
from projects.services.impact import impact_letters_send
from projects.services.message_digests import messages_digest_send_due
from projects.services.nudges import nudges_plan, nudges_send_due
from projects.services.saved_searches import digests_send
from projects.stipends.services.outbound import payouts_retry_pending, stipends_refunds_retry


def due_work_run() -> dict[str, int]:
    """Lapse unfunded acceptances, auto-approve (and pay) overdue deliveries, retry payouts and
    refunds that Stripe could not make, and close offers left unanswered for 14 days."""
    return {
        "lapsed": engagements_lapse_unfunded_due(),
        "auto_released": engagements_auto_approve_due(),
        "payouts_retried": payouts_retry_pending(),
        "refunds_retried": stipends_refunds_retry(),
        "message_digests": messages_digest_send_due(),
        "offers_expired": offers_expire_due(),
    }


@task
def run_due() -> dict[str, int]:
    return due_work_run()


@task
def nudges_run() -> dict[str, int]:
    """Plan the follow-up nudges whose moment came, then send those due (each exactly once)."""
    planned = nudges_plan()
    return {"planned": planned, **nudges_send_due()}


@task
def digests_run() -> int:
    """The daily digest e-mail of saved searches and recommendations."""
    return digests_send()


@task
def impact_letters_run() -> int:
    """The monthly impact letter to each mentor (scheduled daily; each is sent once a month)."""
    return impact_letters_send()
