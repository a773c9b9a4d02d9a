"""DRF's content negotiation, remembered per Accept header.

DRF parses the request's Accept header against the renderers on every request: a twentieth of
a task page's CPU, for an answer that depends only on that header and the renderers (one, JSON,
here). The choice is remembered per (Accept, renderer classes); a `?format=` override, a format
suffix or a refusal (406) takes DRF's own path every time."""

from collections.abc import Iterable
from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request

# Accept headers are the client's to choose: the memory is bounded, and emptied when full.
_REMEMBERED = 256
_chosen: dict[tuple[str, tuple[type, ...]], tuple[int, str]] = {}


class RememberedContentNegotiation(DefaultContentNegotiation):
    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, Any]:
        if format_suffix or self.settings.URL_FORMAT_OVERRIDE in request.query_params:
            return super().select_renderer(request, renderers, format_suffix)
        renderers = list(renderers)
        key = (request.META.get("HTTP_ACCEPT", "*/*"), tuple(type(r) for r in renderers))
        found = _chosen.get(key)
        if found is None:
            renderer, media_type = super().select_renderer(request, renderers, format_suffix)
            if len(_chosen) >= _REMEMBERED:
                _chosen.clear()
            found = _chosen[key] = (renderers.index(renderer), media_type)
        return renderers[found[0]], found[1]
