"""Closing an account is one use case: the marketplace lets go of the person first (tasks,
applications, engagements, money), then accounts anonymises them.

It lives in projects because accounts may not import projects; the API's delete endpoint
calls this, never accounts' user_delete directly.
"""

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.services.deletion import user_delete, user_password_confirm
from projects.models import Application, Engagement, Task
from projects.offers.models import Offer, OfferSettings
from projects.offers.services.offers import offer_decline, offer_withdraw
from projects.services.applications import (
    ACCOUNT_CLOSED_NOTE,
    application_withdraw,
    applications_decline_pending,
)
from projects.services.engagements import engagement_cancel
from projects.services.tasks import task_cancel
from projects.transitions import LIVE_ENGAGEMENT_STATES, PENDING_APPLICATION_STATES

CLOSED_REASON = "The other person closed their Slipstream account."
CLOSED_NOTE = ACCOUNT_CLOSED_NOTE
CLOSED_OFFER_NOTE = "The mentor closed their Slipstream account, so they cannot take offers."


def account_close(*, user: User, password: str) -> None:
    """Cancel the person's open tasks (declining their applicants), withdraw their pending
    applications and offers, decline offers waiting for them and stop taking new ones, cancel
    their live engagements (a funded stipend is refunded after commit), then anonymise the
    account. All or nothing."""
    user_password_confirm(user=user, password=password)
    with transaction.atomic():
        cancellable = Task.objects.filter(
            mentor=user, state__in=[Task.State.DRAFT, Task.State.OPEN]
        )
        for task_id in _ids(cancellable):
            task_cancel(task_id=task_id, mentor=user)
        for task in Task.objects.filter(mentor=user, state=Task.State.CLOSED).order_by("pk"):
            applications_decline_pending(task=task, note=CLOSED_NOTE)
        pending = Application.objects.filter(drafter=user, state__in=PENDING_APPLICATION_STATES)
        for application_id in _ids(pending):
            application_withdraw(application_id=application_id, drafter=user)
        OfferSettings.objects.filter(mentor=user).update(is_open=False)
        for offer_id in _ids(Offer.objects.filter(drafter=user, state=Offer.State.PENDING)):
            offer_withdraw(offer_id=offer_id, drafter=user)
        for offer_id in _ids(Offer.objects.filter(mentor=user, state=Offer.State.PENDING)):
            offer_decline(
                offer_id=offer_id,
                mentor=user,
                reason=Offer.DeclineReason.OTHER,
                note=CLOSED_OFFER_NOTE,
            )
        live = Engagement.objects.filter(
            Q(mentor=user) | Q(drafter=user), state__in=LIVE_ENGAGEMENT_STATES
        )
        for engagement_id in _ids(live):
            engagement_cancel(engagement_id=engagement_id, user=user, reason=CLOSED_REASON)
        user_delete(user=user, password=password)


def _ids(queryset: QuerySet[Any]) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True))
