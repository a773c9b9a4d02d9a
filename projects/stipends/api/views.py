import csv
import io
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.template.loader import render_to_string
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.schema import PROVIDER_UNAVAILABLE
from projects.stipends.api.serializers import (
    FundOutputSerializer,
    LedgerEntrySerializer,
    LedgerTotalSerializer,
    OnboardingStatusSerializer,
    StipendOutputSerializer,
)
from projects.stipends.models import ConnectedAccount, LedgerEntry, Payout
from projects.stipends.selectors import (
    connected_account_for_user,
    ledger_csv_rows_for_user,
    ledger_entries_for_user,
    ledger_receipt_for_user,
    ledger_totals_for_user,
    payouts_waiting_for_setup,
    stipend_get_for_participant,
)
from projects.stipends.services.checkout import engagement_fund_start
from projects.stipends.services.connected_accounts import (
    connected_account_onboarding_link,
    connected_account_refresh,
)


def _status(
    account: ConnectedAccount | None, waiting: list[Payout], url: str | None = None
) -> dict[str, Any]:
    return {
        "has_account": account is not None,
        "payouts_enabled": bool(account and account.payouts_enabled),
        "charges_enabled": bool(account and account.charges_enabled),
        "details_submitted": bool(account and account.details_submitted),
        "requirements_due": list(account.requirements_due) if account else [],
        "onboarding_url": url,
        "waiting_payouts": waiting,
    }


class PayoutOnboardingView(APIView):
    """The drafter's payout setup (Stripe Connect): status, or a fresh onboarding link."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_payouts_onboarding_status",
        request=None,
        responses={200: OnboardingStatusSerializer, 503: PROVIDER_UNAVAILABLE},
    )
    def get(self, request: Request) -> Response:
        # Re-reads the account from Stripe until payouts are enabled (the onboarding return
        # page lands here, possibly before the account.updated webhook).
        account = connected_account_refresh(user=authenticated_user(request))
        waiting = payouts_waiting_for_setup(user=authenticated_user(request))
        return Response(OnboardingStatusSerializer(_status(account, waiting)).data)

    @extend_schema(
        operation_id="me_payouts_onboarding_start",
        request=None,
        responses={200: OnboardingStatusSerializer, 503: PROVIDER_UNAVAILABLE},
    )
    def post(self, request: Request) -> Response:
        url = connected_account_onboarding_link(user=authenticated_user(request))
        account = connected_account_for_user(user=authenticated_user(request))
        waiting = payouts_waiting_for_setup(user=authenticated_user(request))
        return Response(OnboardingStatusSerializer(_status(account, waiting, url)).data)


class EngagementFundView(APIView):
    """Mentor: start paying the engagement's stipend; returns the Stripe Checkout URL."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="engagement_fund",
        request=None,
        responses={200: FundOutputSerializer, 503: PROVIDER_UNAVAILABLE},
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        url = engagement_fund_start(engagement_id=engagement_id, user=authenticated_user(request))
        return Response(FundOutputSerializer({"checkout_url": url}).data)


class EngagementStipendView(APIView):
    """The engagement's stipend (amount, state, payout) for its mentor and drafter only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="engagement_stipend", responses=StipendOutputSerializer)
    def get(self, request: Request, engagement_id: int) -> Response:
        stipend = stipend_get_for_participant(
            engagement_id=engagement_id, user=authenticated_user(request)
        )
        return Response(StipendOutputSerializer(stipend).data)


class LedgerView(ListAPIView[LedgerEntry]):
    """The signed-in user's money in and out, newest first, with Stripe receipts."""

    permission_classes = [IsAuthenticated]
    serializer_class = LedgerEntrySerializer

    def get_queryset(self) -> QuerySet[LedgerEntry]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return LedgerEntry.objects.none()
        return ledger_entries_for_user(user=authenticated_user(self.request))

    @extend_schema(operation_id="me_ledger")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class LedgerTotalsView(APIView):
    """The signed-in user's own ledger summed per currency: the total row under the list."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_ledger_totals", responses=LedgerTotalSerializer(many=True))
    def get(self, request: Request) -> Response:
        totals = ledger_totals_for_user(user=authenticated_user(request))
        return Response(LedgerTotalSerializer(totals, many=True).data)


class LedgerCsvView(APIView):
    """The signed-in user's own ledger as CSV, for their accounts (nobody else's is reachable)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_ledger_csv",
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="CSV: date, receipt, kind, task, description, amount (e.g. "
                "-150.00; negative is money you paid), currency, stripe_reference; oldest first, "
                "then one Total row per currency. Cells that would start a spreadsheet formula "
                "begin with an apostrophe.",
            )
        },
    )
    def get(self, request: Request) -> HttpResponse:
        out = io.StringIO()
        csv.writer(out).writerows(ledger_csv_rows_for_user(user=authenticated_user(request)))
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="slipstream-ledger.csv"'
        return response


class LedgerReceiptView(APIView):
    """A receipt for one of the signed-in user's own ledger entries, as an HTML page to print or
    save as PDF; anyone else's entry answers 404 like a missing one."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_ledger_receipt",
        responses={
            (200, "text/html"): OpenApiResponse(
                OpenApiTypes.STR,
                description="The receipt as a printable HTML page: its number (SLP-<year>-<code>), "
                "date, who paid whom, the amount of this entry, the stipend, the platform fee, "
                "what the drafter receives, and the Stripe reference.",
            ),
            404: OpenApiResponse(description="No such entry among the viewer's own."),
        },
    )
    def get(self, request: Request, entry_id: int) -> HttpResponse:
        receipt = ledger_receipt_for_user(user=authenticated_user(request), entry_id=entry_id)
        html = render_to_string("stipends/receipt.html", receipt, request=request)
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
