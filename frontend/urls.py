from django.urls import path

from frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.HomePage.as_view(), name="home"),
    path("settings/payouts/", views.PayoutSettingsPage.as_view(), name="payout-settings"),
    path("ledger/", views.LedgerPage.as_view(), name="ledger"),
]
