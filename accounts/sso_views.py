"""The end of a university sign-in (allauth's SAML ACS), with a clear page instead of a bare
403 when the answer does not belong to a sign-in this browser started: a replayed response,
or one sent unsolicited."""

from allauth.socialaccount.providers.saml.views import finish_acs
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

REFUSED_REPLAY = (
    "This sign-in answer was already used, or the sign-in was not started from this browser."
)


def sso_finish(request: HttpRequest, organization_slug: str) -> HttpResponse:
    try:
        return finish_acs(request, organization_slug=organization_slug)
    except PermissionDenied:
        # allauth finds no sign-in waiting for this answer's InResponseTo.
        return render(
            request,
            "socialaccount/authentication_error.html",
            {"sso_refusal": REFUSED_REPLAY},
            status=401,
        )
