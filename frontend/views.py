"""Page shells. Pages get their data from /api/v1/; nothing here imports other apps' models."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class HomePage(TemplateView):
    template_name = "frontend/home.html"


class PayoutSettingsPage(LoginRequiredMixin, TemplateView):
    """The drafter's Stripe payout setup (data: /api/v1/me/payouts/onboarding/)."""

    template_name = "frontend/payout_settings.html"


class LedgerPage(LoginRequiredMixin, TemplateView):
    """Money in and out for the signed-in person (data: /api/v1/me/ledger/)."""

    template_name = "frontend/ledger.html"
