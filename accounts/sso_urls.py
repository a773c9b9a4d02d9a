"""Mounted at /accounts/ before allauth's own URLs: the end of a university (SAML) sign-in,
refusing replays with a page (accounts.sso_views)."""

from django.urls import path

from accounts.sso_views import sso_finish

urlpatterns = [
    path("saml/<str:organization_slug>/acs/finish/", sso_finish, name="sso-finish"),
]
