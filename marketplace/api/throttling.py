"""Per-person limits on the writes that reach other people or fill the marketplace."""

from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class WriteScopedRateThrottle(ScopedRateThrottle):
    """ScopedRateThrottle for writes only: a view's `throttle_scope` names a rate in
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], counted per signed-in user. Reads on the same
    view (a task list and its create share one URL) are not counted."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
