"""Money rows for stipends (docs/architecture.md, "The money flow": separate charges and
transfers).

Amounts are integers in the currency's minor unit (cents). Rows that record money use
on_delete=PROTECT, so deleting a user or an engagement can never erase what was paid.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from marketplace.models import TimeStampedModel
from projects.models import Engagement


class ConnectedAccount(TimeStampedModel):
    """A drafter's Stripe Connect account (Express-style, platform-controlled)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="connected_account"
    )
    stripe_account_id = models.CharField(max_length=64, unique=True)
    charges_enabled = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    details_submitted = models.BooleanField(default=False)
    requirements_due = models.JSONField(default=list, blank=True)
    # Each onboarding link gets its own idempotency key: "account-link:<pk>:<n>".
    links_created = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.stripe_account_id


class Stipend(TimeStampedModel):
    """The money a mentor puts up for one engagement; its states are drawn in
    docs/architecture.md, "Stateful models"."""

    class State(models.TextChoices):
        UNFUNDED = "unfunded", "Waiting for the mentor's payment"
        FUNDED = "funded", "Funded"
        FROZEN = "frozen", "Frozen (payment disputed)"
        RELEASED = "released", "Released to the drafter"
        REFUNDED = "refunded", "Refunded to the mentor"
        # An unfunded stipend whose engagement was cancelled or lapsed: no money ever moved.
        CANCELLED = "cancelled", "Cancelled before payment"

    engagement = models.OneToOneField(Engagement, on_delete=models.PROTECT, related_name="stipend")
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    fee_amount = models.PositiveIntegerField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.UNFUNDED)
    checkout_session_id = models.CharField(max_length=255, blank=True)
    checkout_url = models.URLField(max_length=2000, blank=True)
    # A new session after an expired one needs a new idempotency key: "checkout:<id>:<n>".
    checkout_attempts = models.PositiveIntegerField(default=0)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    charge_id = models.CharField(max_length=255, blank=True, db_index=True)
    refund_id = models.CharField(max_length=255, blank=True)
    dispute_id = models.CharField(max_length=255, blank=True)
    funded_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"Stipend for engagement {self.engagement_id} ({self.state})"

    @property
    def payout_amount(self) -> int:
        return self.amount - self.fee_amount


class Payout(TimeStampedModel):
    """The transfer of a released stipend to the drafter. One per engagement: the real guard."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        FAILED = "failed", "Failed"
        REVERSED = "reversed", "Reversed"

    engagement = models.OneToOneField(Engagement, on_delete=models.PROTECT, related_name="payout")
    stipend = models.OneToOneField(Stipend, on_delete=models.PROTECT, related_name="payout")
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stipend_payouts"
    )
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    idempotency_key = models.CharField(max_length=100, unique=True)
    transfer_id = models.CharField(max_length=255, blank=True)
    failure_code = models.CharField(max_length=100, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Payout {self.idempotency_key} ({self.state})"


class StripeEvent(models.Model):
    """Every Stripe event we handled, so a repeat is a no-op; written with its state change."""

    class Status(models.TextChoices):
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Ignored (unknown type or object)"
        FAILED = "failed", "Failed (will be retried)"

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    account = models.CharField(max_length=64, blank=True)
    source = models.CharField(max_length=20, default="webhook")
    status = models.CharField(max_length=10, choices=Status.choices)
    error = models.TextField(blank=True)
    stripe_created = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class LedgerEntry(models.Model):
    """An append-only record of one money movement, shown to the people it concerns."""

    class Kind(models.TextChoices):
        STIPEND_PAID = "stipend_paid", "Stipend paid"
        REFUND = "refund", "Refund"
        PAYOUT = "payout", "Payout"
        PLATFORM_FEE = "platform_fee", "Platform fee"
        DISPUTE_LOST = "dispute_lost", "Returned through a dispute"

    # Unique per movement ("charge:<engagement>", "payout:<engagement>", ...): a replayed event
    # or a retried task cannot write the same movement twice.
    key = models.CharField(max_length=100, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    stipend = models.ForeignKey(Stipend, on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Positive: money to the user; negative: money from the user.
    amount = models.IntegerField()
    currency = models.CharField(max_length=3)
    description = models.CharField(max_length=200)
    stripe_object_id = models.CharField(max_length=255, blank=True)
    # The receipt's number people quote ("SLP-2026-7K3QX9MD"): random, so it says nothing of how
    # many movements the site has had (the row id would). Null only before it is given.
    reference = models.CharField(max_length=24, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-id"])]

    def __str__(self) -> str:
        return self.key

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("ledger entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError("ledger entries are append-only")
