"""nginx in front of the app servers (devtools/prodlike.py): it caches anonymous public reads
for their 30 s (10 s on the test topology), never a signed-in or private response, and
compresses what anonymous visitors get (signed-in HTML stays uncompressed: BREACH)."""

import io
import json
import time

import pytest
import requests
from PIL import Image

from tests.production.sessions import sign_in
from tests.production.topology import CACHE_TTL
from tests.production.topology import MENTOR as MENTOR_ACCOUNT

MENTOR, PASSWORD = MENTOR_ACCOUNT
TTL = CACHE_TTL  # settings.PUBLIC_CACHE_MAX_AGE on the topology: how stale public reads may be

pytestmark = [pytest.mark.prodlike, pytest.mark.postgres_only]


def _sign_in(base_url: str) -> requests.Session:
    return sign_in(base_url, email=MENTOR, password=PASSWORD)


def _anonymous(url: str) -> requests.Response:
    response = requests.get(url, timeout=10)
    assert response.status_code == 200, response.text[:300]
    return response


def test_an_anonymous_public_read_is_answered_from_the_cache(topology):
    url = f"{topology.url('lb')}/api/v1/tasks/?ordering=deadline"

    first, second = _anonymous(url), _anonymous(url)

    assert first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.json() == first.json()
    assert "public" in second.headers["Cache-Control"]


def test_a_signed_in_request_is_never_answered_from_the_cache_nor_stored(topology):
    lb = topology.url("lb")
    cached, fresh = f"{lb}/api/v1/tasks/?remote=true", f"{lb}/api/v1/tasks/?paid=true"
    _anonymous(cached)
    assert _anonymous(cached).headers["X-Cache-Status"] == "HIT"
    mentor = _sign_in(lb)

    signed_in = [mentor.get(cached, timeout=10) for _ in range(2)]
    signed_in_first = mentor.get(fresh, timeout=10)
    anonymous_after = _anonymous(fresh)
    with_api_key = requests.get(cached, headers={"Authorization": "Api-Key nope"}, timeout=10)
    app_client = requests.get(cached, headers={"X-Session-Token": "nope"}, timeout=10)

    assert [r.headers["X-Cache-Status"] for r in signed_in] == ["BYPASS", "BYPASS"]
    assert all(r.headers["Cache-Control"] == "private, no-store" for r in signed_in)
    assert signed_in_first.headers["X-Cache-Status"] == "BYPASS"
    # What the signed-in person got was not kept for the next (anonymous) visitor.
    assert anonymous_after.headers["X-Cache-Status"] == "MISS"
    assert with_api_key.headers["X-Cache-Status"] == "BYPASS"
    assert app_client.headers["X-Cache-Status"] == "BYPASS"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (40, 90, 200)).save(out, format="PNG")
    return out.getvalue()


def test_a_private_response_is_never_cached_even_for_anonymous_visitors(topology):
    lb = topology.url("lb")
    mentor = _sign_in(lb)
    created = mentor.post(
        f"{lb}/api/v1/me/portfolio/",
        data={"title": "A public chart", "visibility": "public"},
        files={"file": ("chart.png", _png(), "image/png")},
        headers={"X-CSRFToken": mentor.cookies["csrftoken"]},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    url = f"{lb}/api/v1/portfolio/{created.json()['id']}/file/"

    downloads = [_anonymous(url) for _ in range(3)]

    # The app says `private` (a file the owner may hide later): nginx never keeps it.
    assert all("private" in r.headers["Cache-Control"] for r in downloads)
    assert [r.headers["X-Cache-Status"] for r in downloads] == ["MISS"] * 3


def test_an_edited_task_is_fresh_for_anonymous_readers_within_the_ttl(topology):
    lb = topology.url("lb")
    url = f"{lb}/api/v1/tasks/{topology.task_id}/"
    cached_at = time.monotonic()
    _anonymous(url)
    mentor = _sign_in(lb)

    edited = mentor.patch(
        url,
        data=json.dumps({"title": "Front cache task, edited"}),
        headers={"X-CSRFToken": mentor.cookies["csrftoken"], "Content-Type": "application/json"},
        timeout=10,
    )
    assert edited.status_code == 200, edited.text
    right_after = _anonymous(url)
    # No purge: the edit reaches anonymous readers when the cached copy's TTL is up.
    while (title := _anonymous(url).json()["title"]) != "Front cache task, edited":
        assert time.monotonic() - cached_at < TTL + 5, "still stale after the TTL"
        time.sleep(1)

    assert right_after.headers["X-Cache-Status"] == "HIT"
    assert right_after.json()["title"] != title
    assert mentor.get(url, timeout=10).json()["title"] == title  # the mentor sees it at once


@pytest.mark.parametrize("path", ["/", "/tasks/", "/api/v1/tasks/"])
def test_anonymous_pages_and_json_come_compressed(topology, path):
    response = requests.get(
        f"{topology.url('lb')}{path}", headers={"Accept-Encoding": "gzip"}, timeout=10
    )

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_signed_in_pages_are_not_compressed_but_their_json_is(topology):
    lb = topology.url("lb")
    mentor = _sign_in(lb)

    page = mentor.get(f"{lb}/tasks/", headers={"Accept-Encoding": "gzip"}, timeout=10)
    data = mentor.get(f"{lb}/api/v1/tasks/", headers={"Accept-Encoding": "gzip"}, timeout=10)

    # The page embeds the CSRF token and reflects the URL: no compression oracle (BREACH).
    assert page.status_code == 200
    assert "Content-Encoding" not in page.headers
    assert 'name="csrfmiddlewaretoken"' in page.text
    assert data.headers["Content-Encoding"] == "gzip"
