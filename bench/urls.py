"""The product's URLs plus the baseline view the benchmarks compare against (bench only)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from bench.baseline import browse_first_page_json


@login_required
def baseline_browse(request: HttpRequest) -> HttpResponse:
    """A bare view: one hand-written SQL query, rows dumped with orjson, same middleware."""
    return HttpResponse(browse_first_page_json(), content_type="application/json")


urlpatterns = [
    path("bench/baseline/browse/", baseline_browse),
    path("", include("marketplace.urls")),
]
