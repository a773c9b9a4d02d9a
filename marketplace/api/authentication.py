from rest_framework.authentication import SessionAuthentication as DRFSessionAuthentication
from rest_framework.request import Request


class SessionAuthentication(DRFSessionAuthentication):
    """Session + CSRF, but answer 401 (not 403) to anonymous requests, as HTTP intends."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="api"'
