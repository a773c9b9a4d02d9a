"""HTTP caching of public reads: `Cache-Control`, an `ETag`, and 304 to a conditional GET.

A read that is the same for every anonymous visitor (browse, a task page, the site's limits)
is `public` for a short while and carries a strong ETag of its body, so a client or a shared
cache revalidates with `If-None-Match` and gets `304 Not Modified` without the body. A signed-in
viewer's copy depends on who they are (institution-only tasks, their own application): it is
`private, no-store` and never cached anywhere. Either way `Vary: Cookie`, so a cache never hands
an anonymous copy to a signed-in person or the reverse.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from rest_framework.request import Request
from rest_framework.response import Response

# 30 s unless the deployment says otherwise (settings.PUBLIC_CACHE_MAX_AGE).
PUBLIC_MAX_AGE: int = settings.PUBLIC_CACHE_MAX_AGE


def etag_for(content: bytes) -> str:
    """A strong validator: the same body always has the same ETag."""
    return quote_etag(hashlib.blake2b(content, digest_size=16).hexdigest())


def _public(request: HttpRequest, max_age: int):
    def after_render(response: HttpResponse) -> HttpResponse:
        etag = etag_for(response.content)
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=max_age)
        patch_vary_headers(response, ("Cookie",))
        # A 304 when the client's ETag matches; otherwise the response itself.
        return get_conditional_response(request, etag=etag, response=response) or response

    return after_render


class PublicReadCaching:
    """A mixin for APIViews whose GET is public: put it before APIView in the bases.

    `public_cache_viewer_independent = True` caches the response publicly for signed-in
    viewers too (it does not depend on who asks, e.g. the site's limits)."""

    public_cache_max_age = PUBLIC_MAX_AGE
    public_cache_viewer_independent = False

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if self.public_cache_viewer_independent or not request.user.is_authenticated:
            response.add_post_render_callback(_public(request._request, self.public_cache_max_age))
        else:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response
