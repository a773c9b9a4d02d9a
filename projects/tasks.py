"""Scheduled marketplace work, one task per job kind (Django's tasks framework).

The one scheduler of a deployment (`manage.py run_scheduler`) enqueues each of these at the
interval settings.SCHEDULED_TASKS gives it; a worker (`manage.py db_worker`) runs them. Each is
idempotent, so a run twice in a period (two schedulers by mistake, a retry) changes nothing
more. The management command of the same job (`stipends_due`, `nudges_due`, …) runs it now, in
the foreground, for an operator or cron without a worker."""

from django.tasks import task

from projects.offers.services.offers import offers_expire_due
from projects.response_rates import mentor_response_rates_refresh_due
from projects.services.closure import applications_close_due
from projects.services.engagements import (
    engagements_auto_approve_due,
    engagements_lapse_unfunded_due,
)
from projects.services.feedback import endorsements_adopt_due
from projects.services.impact import impact_letters_send
from projects.services.message_digests import messages_digest_send_due
from projects.services.nudges import nudges_plan, nudges_send_due
from projects.services.saved_searches import digests_send
from projects.stipends.services.outbound import payouts_retry_pending, stipends_refunds_retry
from projects.webhooks.reconcile import Reconciled, stripe_events_reconcile


@task
def stipends_due_run() -> dict[str, int]:
    """Hourly: lapse unfunded acceptances, auto-approve (and pay) overdue deliveries, retry
    payouts and refunds that Stripe could not make."""
    return {
        "lapsed": engagements_lapse_unfunded_due(),
        "auto_released": engagements_auto_approve_due(),
        "payouts_retried": payouts_retry_pending(),
        "refunds_retried": stipends_refunds_retry(),
    }


@task
def stripe_reconcile_run() -> Reconciled:
    """Hourly: apply Stripe events that no webhook delivered (ReconcileUnavailable when Stripe
    is not configured or cannot be read: the job fails and the next period tries again)."""
    return stripe_events_reconcile()


@task
def message_digests_run() -> int:
    """Hourly: one e-mail per person with unread messages, instead of one per message."""
    return messages_digest_send_due()


@task
def nudges_run() -> dict[str, int]:
    """Hourly: plan the follow-up nudges whose moment came, then send those due (each once);
    and make endorsed skills the drafter's once their endorsement is no longer blind."""
    planned = nudges_plan()
    # Endorsements whose blind period just ended make their skills the drafter's own.
    adopted = endorsements_adopt_due()
    return {"planned": planned, **nudges_send_due(), "endorsements_adopted": adopted}


@task
def digests_run() -> int:
    """Daily: the digest e-mail of saved searches and recommendations."""
    return digests_send()


@task
def closure_run() -> dict[str, int]:
    """Hourly: the closure guarantee — nothing waits for an answer more than 14 days. The
    system declines, kindly, applications left unanswered (with three tasks that fit) and
    closes unanswered offers as expired; mentors' stored response rates a day old are
    recomputed (the 90-day window slides with time alone)."""
    return {
        "applications_closed": applications_close_due(),
        "offers_expired": offers_expire_due(),
        "response_rates_refreshed": mentor_response_rates_refresh_due(),
    }


@task
def impact_letters_run() -> int:
    """The monthly impact letter to each mentor (scheduled daily; each is sent once a month)."""
    return impact_letters_send()
