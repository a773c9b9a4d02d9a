"""Hostile input that no view should have to think about becomes a 400 in the error shape."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from marketplace.api.exceptions import error_body

logger = logging.getLogger(__name__)


class NestingLimitMiddleware:
    """JSON nested deeper than Python's parser can follow (e.g. 100,000 brackets) raises
    RecursionError wherever a body is parsed: DRF, allauth's headless API, webhooks. That is
    the client's malformed request, not our failure: 400, never 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, RecursionError):
            return None
        logger.warning("refused a request nested too deeply to parse: %s", request.path)
        return JsonResponse(
            error_body("parse_error", "The request body is nested too deeply."), status=400
        )
