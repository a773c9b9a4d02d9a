from django.urls import path

from frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.HomePage.as_view(), name="home"),
    path("welcome/", views.WelcomePage.as_view(), name="welcome"),
    path("settings/", views.SettingsPage.as_view(), name="settings"),
    path("settings/portfolio/", views.PortfolioSettingsPage.as_view(), name="settings-portfolio"),
    path(
        "settings/institutions/",
        views.InstitutionsSettingsPage.as_view(),
        name="settings-institutions",
    ),
    path("u/<slug:handle>/", views.PublicProfilePage.as_view(), name="profile"),
    path("settings/payouts/", views.PayoutSettingsPage.as_view(), name="payout-settings"),
    path("ledger/", views.LedgerPage.as_view(), name="ledger"),
]
