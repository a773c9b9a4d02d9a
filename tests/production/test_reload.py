"""The production topology reloads without dropping a request: SIGHUP makes a gunicorn master
replace its workers gracefully (new code or settings on a deploy) and nginx re-read its
configuration; clients see no error meanwhile. Anonymous page shells are answered by nginx's
cache, signed-in pages never."""

import signal
import threading
import time

import psutil
import pytest
import requests

from tests.production.sessions import sign_in
from tests.production.topology import CACHE_TTL, RELOAD_MENTOR

EMAIL, PASSWORD = RELOAD_MENTOR

pytestmark = [pytest.mark.prodlike, pytest.mark.postgres_only]


MAX_REQUESTS_PER_URL = 2_000
API_PAUSE_SECONDS = 2.5


class _Load:
    """Requests one after another on a few threads until stopped; every outcome is kept."""

    def __init__(self, urls: list[str]) -> None:
        self.urls, self.statuses, self.errors = urls, [], []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(url,)) for url in urls]

    def _run(self, url: str) -> None:
        for _ in range(MAX_REQUESTS_PER_URL):  # bounded in count, as well as stopped in time
            if self._stop.is_set():
                return
            try:
                self.statuses.append(requests.get(url, timeout=10).status_code)
            except requests.RequestException as error:
                self.errors.append(repr(error))
            if "/api/" in url:
                # Anonymous API reads are throttled (60 a minute per address, shared by the
                # tests on this topology through Redis): paced under it, a 429 cannot pass for
                # a dropped request.
                self._stop.wait(API_PAUSE_SECONDS)

    def __enter__(self) -> "_Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)


def _children(pid: int) -> set[int]:
    return {child.pid for child in psutil.Process(pid).children()}


def _until(condition, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_sighup_replaces_gunicorns_workers_without_dropping_a_request(topology):
    master = topology.processes["app_a"]
    base = topology.url("app_a")
    before = _children(master.pid)
    assert len(before) == topology.gunicorn_workers

    urls = [f"{base}/healthz", f"{base}/api/v1/tasks/", f"{base}/tasks/"]
    load = _sighup_under_load(master, urls, before, replaced_within=40)

    assert load.errors == []
    assert set(load.statuses) == {200}
    assert len(_children(master.pid)) == topology.gunicorn_workers
    assert master.poll() is None


def test_sighup_makes_nginx_reload_without_dropping_a_request(topology):
    nginx = topology.processes["nginx"]
    lb = topology.url("lb")
    before = _children(nginx.pid)

    urls = [f"{lb}/healthz", f"{lb}/api/v1/tasks/?remote=true", f"{lb}/"]
    load = _sighup_under_load(nginx, urls, before, replaced_within=30)

    assert load.errors == []
    assert set(load.statuses) == {200}
    assert nginx.poll() is None


def _sign_in(base_url: str) -> requests.Session:
    return sign_in(base_url, email=EMAIL, password=PASSWORD)


def test_anonymous_page_shells_come_from_nginxs_cache_and_signed_in_pages_never(topology):
    lb = topology.url("lb")
    url = f"{lb}/for-career-offices/"
    anonymous = [requests.get(url, timeout=10) for _ in range(2)]
    mentor = _sign_in(lb)

    signed_in = [mentor.get(url, timeout=10) for _ in range(2)]
    login_form = [requests.get(f"{lb}/accounts/login/", timeout=10) for _ in range(2)]

    assert [r.headers["X-Cache-Status"] for r in anonymous] == ["MISS", "HIT"]
    assert anonymous[1].text == anonymous[0].text
    assert anonymous[1].headers["Cache-Control"] == f"public, max-age={CACHE_TTL}"
    assert [r.headers["X-Cache-Status"] for r in signed_in] == ["BYPASS", "BYPASS"]
    assert all(r.headers["Cache-Control"] == "private, no-cache" for r in signed_in)
    assert all("data-signed-in" in r.text for r in signed_in)
    # A page that hands out a CSRF token sets its cookie: nginx never stores it.
    assert [r.headers["X-Cache-Status"] for r in login_form] == ["MISS", "MISS"]


def _sighup_under_load(process, urls: list[str], before: set[int], replaced_within: float):
    """SIGHUP to `process` while `urls` are read in a loop: returns the load once every child
    of `before` is replaced and the new children have answered 30 more requests."""
    with _Load(urls) as load:
        _until(lambda: len(load.statuses) >= 30, timeout=30)
        process.send_signal(signal.SIGHUP)
        _until(
            lambda: (now := _children(process.pid)) and not now & before, timeout=replaced_within
        )
        served = len(load.statuses)
        _until(lambda: len(load.statuses) >= served + 30, timeout=30)
    return load
