"""The only place that wires every app's URLs together."""

from typing import cast

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.views import SignupView
from marketplace import views
from marketplace.api.views import ApiRootView

api_v1: list[URLPattern | URLResolver] = [
    path("", ApiRootView.as_view(), name="root"),
    # Matched in order: the task reads (browse, task pages) are the hottest paths, and each
    # pattern tried before them cost a regular expression per request (~0.1 ms in all).
    path("", include("projects.api.urls")),
    path("", include("accounts.api.urls")),
    path("", include("projects.stipends.api.urls")),
    path("", include("projects.offers.api.urls")),
    path("careers/", include("projects.careers.api.urls")),
    path("", include("projects.careers.api.me_urls")),
    path("", include("projects.credentials.api.urls")),
    path("", include("projects.circles.api.urls")),
]

# Swagger UI sets inline styles as it draws; only this one page may use them (scripts stay
# same-origin only, as everywhere).
api_docs = csp_override(
    {**cast(dict[str, list[str]], settings.SECURE_CSP), "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
)(SpectacularSwaggerSplitView.as_view(url_name="schema"))

_pages: list[URLPattern | URLResolver] = [
    path("", include("accounts.page_urls")),
    path("", include("projects.page_urls")),
    path("", include("frontend.urls")),
]

urlpatterns = [
    # First: the API takes most requests, and no other prefix overlaps "api/".
    path("api/v1/", include((api_v1, "v1"))),
    path("admin/", admin.site.urls),
    # allauth's sign-up, with the role taken from ?role= (accounts.views.SignupView).
    path("accounts/signup/", SignupView.as_view()),
    # The end of a university (SAML) sign-in, refusing replays with a page (accounts.sso_views).
    path("accounts/", include("accounts.sso_urls")),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="api-docs"),
    # Every other /api/ URL answers the JSON error shape, also with DEBUG on (Django's debug
    # 404 page would otherwise be HTML) and for every method.
    re_path(r"^api/", views.api_not_found),
    path("payments/", include("projects.webhooks.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("projects.credentials.public_urls")),
    # The pages, one namespace ("frontend:<name>" reverses any of them): the server-filled ones
    # first (their <head> needs server data), then frontend's shells.
    path("", include((_pages, "frontend"))),
]

handler400 = "marketplace.views.bad_request"
handler403 = "marketplace.views.permission_denied"
handler404 = "marketplace.views.page_not_found"
handler500 = "marketplace.views.server_error"
