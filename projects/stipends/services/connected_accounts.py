"""Drafters' Stripe connected accounts: creation, onboarding links and account.updated."""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import User
from projects import locks
from projects.stipends import stripe_client
from projects.stipends.models import ConnectedAccount, Payout, Stipend, StripeEvent
from projects.stipends.services import schedule
from projects.stipends.services.provider import provider_unavailable

logger = logging.getLogger(__name__)


def connected_account_ensure(*, user: User) -> ConnectedAccount:
    """The user's connected account, created on Stripe first (idempotently) when missing."""
    account = ConnectedAccount.objects.filter(user=user).first()
    if account is not None:
        return account
    try:
        remote = stripe_client.account_create(user_id=user.pk, email=user.email)
    except stripe_client.PaymentProviderError as exc:
        raise provider_unavailable(exc) from exc
    try:
        with transaction.atomic():
            account = ConnectedAccount.objects.create(user=user, stripe_account_id=remote["id"])
    except IntegrityError:
        # A second click in flight got the same account (same idempotency key) and saved it.
        return ConnectedAccount.objects.get(user=user)
    _account_apply(account, remote)
    account.save()
    return account


def connected_account_onboarding_link(*, user: User) -> str:
    """A fresh Stripe-hosted onboarding link for the drafter (links are single-use)."""
    account = connected_account_ensure(user=user)
    with transaction.atomic():
        locked = locks.connected_account_lock(stripe_account_id=account.stripe_account_id)
        account = locked or account  # ensured just above, so always found
        account.links_created += 1
        account.save(update_fields=["links_created", "updated_at"])
    page = f"{settings.SITE_URL}/settings/payouts/"
    try:
        link = stripe_client.account_link_create(
            account_id=account.stripe_account_id,
            link_key=f"account-link:{account.pk}:{account.links_created}",
            refresh_url=f"{page}?onboarding=expired",
            return_url=f"{page}?onboarding=returned",
        )
    except stripe_client.PaymentProviderError as exc:
        raise provider_unavailable(exc) from exc
    url: str = link["url"]
    return url


def connected_account_refresh(*, user: User) -> ConnectedAccount | None:
    """Re-read the drafter's account from Stripe (the onboarding return page does this)."""
    account = ConnectedAccount.objects.filter(user=user).first()
    if account is None or account.payouts_enabled:
        return account
    try:
        remote = stripe_client.account_retrieve(account_id=account.stripe_account_id)
    except stripe_client.PaymentProviderError:
        logger.warning("could not refresh connected account %s", account.stripe_account_id)
        return account
    connected_account_sync(account=remote)
    account.refresh_from_db()
    return account


def _account_apply(account: ConnectedAccount, remote: dict[str, Any]) -> None:
    account.charges_enabled = bool(remote.get("charges_enabled"))
    account.payouts_enabled = bool(remote.get("payouts_enabled"))
    account.details_submitted = bool(remote.get("details_submitted"))
    account.requirements_due = list((remote.get("requirements") or {}).get("currently_due") or [])


def connected_account_sync(
    *, account: dict[str, Any], event_created: dt.datetime | None = None, event_id: str = ""
) -> bool:
    """account.updated: keep the flags in sync and make payouts that waited for onboarding.

    Stripe does not deliver events in order: an event older than one already applied to this
    account describes a past state and is acknowledged without changing anything.
    """
    with transaction.atomic():
        local = locks.connected_account_lock(stripe_account_id=account.get("id") or "")
        if local is None:
            return False
        if event_created is not None and _newer_event_applied(
            account_id=local.stripe_account_id, created=event_created, event_id=event_id
        ):
            return True
        _account_apply(local, account)
        local.save()
        if local.payouts_enabled:
            waiting = Payout.objects.filter(
                drafter_id=local.user_id,
                state=Payout.State.PENDING,
                stipend__state=Stipend.State.FUNDED,
            ).values_list("pk", flat=True)
            for payout_id in waiting:
                schedule.payout_transfer_after_commit(payout_id)
    return True


def _newer_event_applied(*, account_id: str, created: dt.datetime, event_id: str) -> bool:
    return (
        StripeEvent.objects.filter(
            type="account.updated",
            account=account_id,
            status=StripeEvent.Status.PROCESSED,
            stripe_created__gt=created,
        )
        .exclude(event_id=event_id)
        .exists()
    )
