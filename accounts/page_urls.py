"""Server-filled pages of accounts, mounted at the site root by marketplace/urls.py before
frontend's routes: this answers /u/<handle>/ (templates still reverse `frontend:profile`)."""

from django.urls import path

from accounts.pages import PublicProfilePage

urlpatterns = [
    path("u/<slug:handle>/", PublicProfilePage.as_view(), name="profile-page"),
]
