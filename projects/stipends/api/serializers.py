from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from projects.stipends.models import LedgerEntry, Payout, Stipend


class WaitingPayoutSerializer(serializers.Serializer[Any]):
    """An approved stipend that is sent as soon as the drafter's payout setup is finished."""

    engagement_id = serializers.IntegerField()
    task_title = serializers.CharField(source="engagement.task.title")
    amount = serializers.IntegerField(help_text="Minor units, after the platform fee.")
    currency = serializers.CharField()
    created_at = serializers.DateTimeField(help_text="When the work was approved.")


class OnboardingStatusSerializer(serializers.Serializer[Any]):
    """The drafter's payout setup; `onboarding_url` only in answer to POST."""

    has_account = serializers.BooleanField()
    payouts_enabled = serializers.BooleanField()
    charges_enabled = serializers.BooleanField()
    details_submitted = serializers.BooleanField()
    requirements_due = serializers.ListField(child=serializers.CharField())
    onboarding_url = serializers.URLField(required=False, allow_null=True)
    waiting_payouts = WaitingPayoutSerializer(
        many=True, help_text="Approved stipends held until payout setup is finished."
    )


class FundOutputSerializer(serializers.Serializer[Any]):
    checkout_url = serializers.URLField()


class LedgerEntrySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    amount = serializers.IntegerField(help_text="Minor units; positive is money to you.")
    currency = serializers.CharField()
    description = serializers.CharField()
    engagement_id = serializers.IntegerField(source="stipend.engagement_id")
    task_title = serializers.CharField(source="stipend.engagement.task.title")
    receipt = serializers.CharField(
        source="stripe_object_id", help_text="The Stripe id of the payment, refund or transfer."
    )
    reference = serializers.CharField(
        allow_null=True,
        help_text="The receipt's number, like SLP-2026-7K3QX9MD (random: it reveals no volume).",
    )
    receipt_url = serializers.SerializerMethodField(
        help_text="The printable receipt of this entry (HTML)."
    )
    created_at = serializers.DateTimeField()

    def get_receipt_url(self, entry: LedgerEntry) -> str:
        return f"/api/v1/me/ledger/{entry.pk}/receipt/"


class LedgerTotalSerializer(serializers.Serializer[Any]):
    currency = serializers.CharField()
    entries = serializers.IntegerField()
    money_in = serializers.IntegerField(help_text="Minor units received.")
    money_out = serializers.IntegerField(help_text="Minor units paid, negative (or 0).")
    net = serializers.IntegerField(help_text="Minor units; money_in + money_out.")


class PayoutSummarySerializer(serializers.Serializer[Any]):
    state = serializers.ChoiceField(choices=Payout.State.choices)
    amount = serializers.IntegerField(help_text="Minor units, after the platform fee.")
    paid_at = serializers.DateTimeField(allow_null=True)
    waiting_for_setup = serializers.BooleanField(
        help_text="Approved, but the drafter has not finished payout setup yet."
    )


class StipendOutputSerializer(serializers.Serializer[Any]):
    """An engagement's stipend, for its mentor and drafter."""

    engagement_id = serializers.IntegerField()
    amount = serializers.IntegerField(help_text="Minor units; what the mentor pays.")
    currency = serializers.CharField()
    fee_amount = serializers.IntegerField(help_text="Minor units; the platform fee.")
    payout_amount = serializers.IntegerField(help_text="Minor units; what the drafter receives.")
    state = serializers.ChoiceField(choices=Stipend.State.choices)
    funded_at = serializers.DateTimeField(allow_null=True)
    frozen_at = serializers.DateTimeField(allow_null=True)
    released_at = serializers.DateTimeField(allow_null=True)
    refunded_at = serializers.DateTimeField(allow_null=True)
    drafter_payouts_ready = serializers.SerializerMethodField(
        help_text="The drafter has finished payout setup, so a released stipend is sent at once."
    )
    payout = serializers.SerializerMethodField()

    def get_drafter_payouts_ready(self, stipend: Stipend) -> bool:
        account = getattr(stipend.engagement.drafter, "connected_account", None)
        return bool(account and account.payouts_enabled)

    @extend_schema_field(PayoutSummarySerializer(allow_null=True))
    def get_payout(self, stipend: Stipend) -> dict[str, Any] | None:
        payout = getattr(stipend, "payout", None)
        if payout is None:
            return None
        waiting = payout.state == Payout.State.PENDING and not self.get_drafter_payouts_ready(
            stipend
        )
        return PayoutSummarySerializer(
            {
                "state": payout.state,
                "amount": payout.amount,
                "paid_at": payout.paid_at,
                "waiting_for_setup": waiting,
            }
        ).data
