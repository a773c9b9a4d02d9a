from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import orjson
from rest_framework import renderers


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "__html__") or hasattr(value, "_proxy____cast"):  # lazy translations
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class JSONRenderer(renderers.JSONRenderer):
    """orjson: several times faster than the standard library on the hot lists."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=_default, option=orjson.OPT_UTC_Z)
