"""Mounted at /accounts/ before allauth's own URLs: allauth's SAML endpoints at their own
paths, each refusing a request without a Host header with a 400 (not python3-saml's 500),
and the end of a university sign-in refusing replays with a page (accounts.sso_views).
Unnamed: reverse() keeps using allauth's names, which give the same paths."""

from django.urls import include, path

from accounts import sso_views

urlpatterns = [
    path(
        "saml/<str:organization_slug>/",
        include(
            [
                path("acs/", sso_views.sso_acs),
                path("acs/finish/", sso_views.sso_finish, name="sso-finish"),
                path("sls/", sso_views.sso_sls),
                path("metadata/", sso_views.sso_metadata),
                path("login/", sso_views.sso_login),
            ]
        ),
    ),
]
