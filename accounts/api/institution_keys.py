"""`Authorization: Api-Key <key>`: an institution's own systems calling the careers API.

Attached only to the careers views (never a default authentication class), so a key opens
nothing else. The request's user stays anonymous; `request.auth` is the InstitutionApiKey.
"""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from accounts.models import InstitutionApiKey
from accounts.services.institution_keys import institution_api_key_authenticate

KEYWORD = "Api-Key"


class InstitutionApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[AnonymousUser, InstitutionApiKey] | None:
        header = get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != KEYWORD.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send exactly one key: 'Api-Key <key>'.")
        key = institution_api_key_authenticate(secret=header[1])
        if key is None:
            raise exceptions.AuthenticationFailed("This API key is unknown, revoked or expired.")
        return AnonymousUser(), key

    def authenticate_header(self, request: Request) -> str:
        return f'{KEYWORD} realm="careers"'


class InstitutionApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.api.institution_keys.InstitutionApiKeyAuthentication"
    name = "institutionApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An institution API key, created by the career office's admin staff on the "
                "dashboard (/careers/): send `Authorization: Api-Key slk_xxxxxxxx.yyyy…`. "
                "Read-only, careers endpoints only, rate-limited per key; a revoked or expired "
                "key answers 401."
            ),
        }
