"""The issuer's public documents, mounted at the site root by marketplace/urls.py."""

from django.urls import path

from projects.credentials import public

urlpatterns = [
    path("issuer/", public.issuer, name="credential-issuer"),
    path(".well-known/jwks.json", public.jwks, name="credential-jwks"),
    path("credentials/status/revocation", public.status_list, name="credential-status-list"),
]
