"""The university sign-in (allauth's SAML) endpoints as we serve them: every one refuses a
request without a usable Host header with a 400 page, and the end of a sign-in (allauth's ACS
finish) gives a clear page instead of a bare 403 when the answer does not belong to a sign-in
this browser started: a replayed response, or one sent unsolicited."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.socialaccount.providers.saml import views as saml
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

REFUSED_REPLAY = (
    "This sign-in answer was already used, or the sign-in was not started from this browser."
)
NO_HOST = "This request names no host (its Host header is missing), so it cannot be a sign-in."


def host_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """python3-saml builds the URLs it checks from the raw Host header (allauth reads
    `META["HTTP_HOST"]`): without one the library fails with a KeyError, a 500. An HTTP/1.0
    client or a scanner may send none, so answer 400 first. A Host we do not serve is refused
    by `get_host()` (DisallowedHost, a 400) before the SAML library sees it."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.META.get("HTTP_HOST"):
            return render(request, "400.html", {"reason": NO_HOST}, status=400)
        request.get_host()
        return view(request, *args, **kwargs)

    return checked


def _sso_finish(request: HttpRequest, organization_slug: str) -> HttpResponse:
    try:
        return saml.finish_acs(request, organization_slug=organization_slug)
    except PermissionDenied:
        # allauth finds no sign-in waiting for this answer's InResponseTo.
        return render(
            request,
            "socialaccount/authentication_error.html",
            {"sso_refusal": REFUSED_REPLAY},
            status=401,
        )


sso_finish = host_required(_sso_finish)
# allauth's own views, in front of its URLs (same paths); the IdP posts to acs/ and sls/
# cross-site, which allauth exempts from CSRF, so the wrappers keep that.
sso_acs = csrf_exempt(host_required(saml.acs))
sso_sls = csrf_exempt(host_required(saml.sls))
sso_metadata = host_required(saml.metadata)
sso_login = host_required(saml.login)
