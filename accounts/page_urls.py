"""Server-filled pages of accounts, mounted at the site root by marketplace/urls.py in the
"frontend" namespace, before frontend's routes: this answers /u/<handle>/ (templates still
reverse `frontend:profile`, frontend's entry for the same path) and /dashboard/
(`frontend:dashboard`)."""

from django.urls import path

from accounts.pages import DashboardPage, PublicProfilePage

urlpatterns = [
    path("u/<slug:handle>/", PublicProfilePage.as_view(), name="profile-page"),
    path("dashboard/", DashboardPage.as_view(), name="dashboard"),
]
