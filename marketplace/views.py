"""Site-wide handlers: health check and the error pages (JSON under /api/, HTML elsewhere)."""

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from marketplace.api.exceptions import error_body

logger = logging.getLogger(__name__)

_JSON_PREFIXES = ("/api/", "/payments/", "/_allauth/")


def _error_json(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(_JSON_PREFIXES)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return _error_json("bad_request", "The request could not be understood.", 400)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return _error_json("permission_denied", "You are not allowed to do that.", 403)
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return _error_json("not_found", "Not found.", 404)
    return render(request, "404.html", status=404)


@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Any /api/ URL no route matched: the API's JSON 404, whatever the method or DEBUG."""
    return _error_json("not_found", "Not found.", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return _error_json("server_error", "Something went wrong on our side. Please retry.", 500)
    return render(request, "500.html", status=500)
