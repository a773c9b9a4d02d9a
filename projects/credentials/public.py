"""The issuer's public documents, outside the API: its Open Badges Profile (/issuer/), its
public keys (/.well-known/jwks.json, retired keys included) and the revocation list. Any
verifier, anywhere, reads them; so they are cacheable for a short while and CORS-open."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from marketplace.errors import DomainError
from projects.credentials.documents import issuer_profile
from projects.credentials.keys import jwks_public
from projects.credentials.selectors.credentials import status_list_jwt
from projects.credentials.signing import MEDIA_TYPE


def _public(response: HttpResponse, *, max_age: int) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _unavailable(error: DomainError) -> JsonResponse:
    return JsonResponse({"error": error.as_dict()}, status=error.status_code)


@require_GET
def issuer(request: HttpRequest) -> HttpResponse:
    return _public(JsonResponse(issuer_profile(), content_type="application/ld+json"), max_age=3600)


@require_GET
def jwks(request: HttpRequest) -> HttpResponse:
    try:
        keys = jwks_public()
    except DomainError as error:
        return _unavailable(error)
    return _public(JsonResponse(keys, content_type="application/jwk-set+json"), max_age=300)


@require_GET
def status_list(request: HttpRequest) -> HttpResponse:
    """The BitstringStatusListCredential, signed (`?format=json`: decoded). Short cache: a
    revocation reaches every verifier within a minute."""
    try:
        token, document = status_list_jwt()
    except DomainError as error:
        return _unavailable(error)
    if request.GET.get("format") == "json":
        return _public(JsonResponse(document), max_age=60)
    return _public(HttpResponse(token, content_type=MEDIA_TYPE), max_age=60)
