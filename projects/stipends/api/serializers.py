from rest_framework import serializers


class OnboardingStatusSerializer(serializers.Serializer):
    """The drafter's payout setup; `onboarding_url` only in answer to POST."""

    has_account = serializers.BooleanField()
    payouts_enabled = serializers.BooleanField()
    charges_enabled = serializers.BooleanField()
    details_submitted = serializers.BooleanField()
    requirements_due = serializers.ListField(child=serializers.CharField())
    onboarding_url = serializers.URLField(required=False, allow_null=True)


class FundOutputSerializer(serializers.Serializer):
    checkout_url = serializers.URLField()


class LedgerEntrySerializer(serializers.Serializer):
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
    created_at = serializers.DateTimeField()
