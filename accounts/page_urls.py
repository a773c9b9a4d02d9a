"""Server-filled pages of accounts, mounted at the site root by marketplace/urls.py before
frontend's routes: this answers /u/<handle>/ and /dashboard/ (templates still reverse
`frontend:profile` and `frontend:dashboard`)."""

from django.urls import path

from accounts.pages import DashboardPage, PublicProfilePage

urlpatterns = [
    path("u/<slug:handle>/", PublicProfilePage.as_view(), name="profile-page"),
    # Before frontend's route of the same path (which keeps the name `frontend:dashboard`).
    path("dashboard/", DashboardPage.as_view(), name="dashboard-page"),
]
