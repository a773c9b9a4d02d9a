from django.urls import path

from projects.stipends.api import views

urlpatterns = [
    path(
        "me/payouts/onboarding/",
        views.PayoutOnboardingView.as_view(),
        name="payouts-onboarding",
    ),
    path(
        "engagements/<id:engagement_id>/fund/",
        views.EngagementFundView.as_view(),
        name="engagement-fund",
    ),
    path(
        "engagements/<id:engagement_id>/stipend/",
        views.EngagementStipendView.as_view(),
        name="engagement-stipend",
    ),
    path("me/ledger/", views.LedgerView.as_view(), name="ledger"),
    path("me/ledger/totals/", views.LedgerTotalsView.as_view(), name="ledger-totals"),
    path(
        "me/ledger/<id:entry_id>/receipt/",
        views.LedgerReceiptView.as_view(),
        name="ledger-receipt",
    ),
    path("me/ledger.csv", views.LedgerCsvView.as_view(), name="ledger-csv"),
]
