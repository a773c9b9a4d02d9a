"""Request-wide concerns no view should have to think about: hostile input becomes a 400 in
the error shape; HTML pages say how they may be cached."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from marketplace.api.caching import PUBLIC_MAX_AGE, etag_for
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


class PageCacheControlMiddleware:
    """Say how an HTML page may be cached when its view did not say it itself.

    A page shell is the same for every anonymous visitor of a URL (the data comes from the
    API), so an anonymous `200` page is `public, max-age=30` with an ETag: nginx's cache in front
    (devtools/prodlike-nginx.conf) and browsers may reuse it for the 30 s that anonymous public
    reads may be stale (marketplace.api.caching.PUBLIC_MAX_AGE). Not when the response sets a
    cookie: a page that used the CSRF token (login, sign-up, verify) or consumed a flash message
    is that visitor's own. A signed-in person's page names them and carries their CSRF token:
    `private, no-cache`. Always `Vary: Cookie`, so no cache hands one to the other.

    A cached copy repeats its CSP nonce to whoever gets it within the 30 s. That leaves no
    opening: the nonce and the bytes it guards were made together by one render, so nothing
    injected into the page could have known it; another page (or a signed-in one) has its own.

    Placed above the session, CSRF and messages middleware, so it sees their cookies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.has_header("Cache-Control")
            or response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        patch_vary_headers(response, ("Cookie",))
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or response.cookies:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        etag = etag_for(response.content)
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return get_conditional_response(request, etag=etag, response=response) or response
