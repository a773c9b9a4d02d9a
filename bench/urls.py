"""The product's URLs plus the bare views the benchmarks compare against (bench only)."""

import contextlib
import os

import orjson
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path

from accounts.services.institution_keys import institution_api_key_authenticate
from bench.reads import READS_BY_SLUG, context
from marketplace.database import statements_planned_per_run

SIZE = os.environ.get("BENCH_SIZE", "small")


def _encode(cursor) -> bytes:
    columns = [c[0] for c in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # SQLite returns JSON columns as text: embed it as it is
        for key, value in row.items():
            if isinstance(value, str) and value.startswith(("[", "{")):  # not "" (empty text)
                row[key] = orjson.Fragment(value)
    return orjson.dumps({"results": rows[:20]}, default=str)


def floor(request: HttpRequest, name: str) -> HttpResponse:
    """A bare view: the signed-in user or the institution's API key (as every API read loads
    it), one hand-written SQL query returning the read's rows, orjson. Same middleware."""
    read = READS_BY_SLUG.get(name)
    if read is None:
        raise Http404
    if read.persona == "careers key":  # the key looked up as the API does (one query)
        header = request.headers.get("Authorization", "").split()
        if len(header) != 2 or not institution_api_key_authenticate(secret=header[1]):
            raise Http404
    elif read.persona != "anonymous" and not request.user.is_authenticated:
        raise Http404
    sql, params = read.floor(context(SIZE))
    # As the product runs them: search and recommendations planned for their values on every
    # run, the other reads prepared (on PostgreSQL).
    per_run = read.name in ("search", "recommendations")
    planned = statements_planned_per_run() if per_run else contextlib.nullcontext()
    with planned, connection.cursor() as cursor:
        cursor.execute(sql, params)
        body = _encode(cursor)
    return HttpResponse(body, content_type="application/json")


def trivial(request: HttpRequest) -> HttpResponse:
    """No database at all: the ceiling for throughput."""
    return HttpResponse(b'{"ok":true}', content_type="application/json")


urlpatterns = [
    path("bench/floor/<slug:name>/", floor),
    path("bench/trivial/", trivial),
    path("", include("marketplace.urls")),
]
