"""The production topology holds no state in an app server: two gunicorn servers behind nginx,
sharing PostgreSQL, Redis and S3 (moto), started on loopback by devtools/prodlike.py."""

import io

import pytest
import requests
from PIL import Image

from tests.production.sessions import sign_in
from tests.production.topology import ANON_PER_MINUTE, DRAFTER

EMAIL, PASSWORD = DRAFTER

# The topology (`topology`, shared: tests/production/topology.py) brings its own PostgreSQL, so
# one pass of `make test` (the PostgreSQL one) is enough.
pytestmark = [pytest.mark.prodlike, pytest.mark.postgres_only]


def _sign_in(base_url: str) -> requests.Session:
    return sign_in(base_url, email=EMAIL, password=PASSWORD)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 40, 90)).save(out, format="PNG")
    return out.getvalue()


def test_a_session_made_on_server_a_works_on_server_b(topology):
    session = _sign_in(topology.url("app_a"))

    on_b = session.get(f"{topology.url('app_b')}/api/v1/me/", timeout=10)

    assert on_b.status_code == 200, on_b.text
    assert on_b.json()["email"] == EMAIL


def test_an_upload_through_server_a_downloads_through_server_b(topology):
    session = _sign_in(topology.url("app_a"))
    picture = _png()

    created = session.post(
        f"{topology.url('app_a')}/api/v1/me/portfolio/",
        data={"title": "A chart I made", "visibility": "applications"},
        files={"file": ("chart.png", picture, "image/png")},
        headers={"X-CSRFToken": session.cookies["csrftoken"]},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    item_id = created.json()["id"]

    download = session.get(f"{topology.url('app_b')}/api/v1/portfolio/{item_id}/file/", timeout=10)
    anonymous = requests.get(
        f"{topology.url('app_b')}/api/v1/portfolio/{item_id}/file/", timeout=10
    )

    assert download.status_code == 200, download.text[:300]
    assert download.content == picture
    # The file lives in the object store, not on either server's disk.
    assert not list(topology.dir.glob("media-must-stay-empty/**/*.png"))
    # Private stays private: a stranger gets nothing through the app.
    assert anonymous.status_code == 404


def test_a_throttle_counted_on_server_a_holds_on_server_b(topology):
    browse = "/api/v1/tasks/"
    # A client address of this test's own (the app trusts one proxy's X-Forwarded-For), so the
    # other tests' anonymous reads through nginx count elsewhere.
    client = {"X-Forwarded-For": "203.0.113.41"}

    # One after another: the throttle's count is not atomic, so concurrent requests could
    # overwrite each other's entry and undercount (a race of a few requests, not a lost limit).
    on_a = [
        requests.get(f"{topology.url('app_a')}{browse}", headers=client, timeout=10)
        for _ in range(ANON_PER_MINUTE)
    ]
    on_b = requests.get(f"{topology.url('app_b')}{browse}", headers=client, timeout=10)

    assert [r.status_code for r in on_a] == [200] * ANON_PER_MINUTE
    assert on_b.status_code == 429


def test_the_load_balancer_serves_both_servers_and_the_worker_sends_queued_mail(topology):
    health = [requests.get(f"{topology.url('lb')}/healthz", timeout=10) for _ in range(4)]
    mail_before = topology.sink.count

    topology.manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import transaction; from accounts.models import User; "
        "from accounts.services.notifications import notification_send\n"
        "with transaction.atomic():\n"
        f"    notification_send(recipient=User.objects.get(email={EMAIL!r}), kind='system', "
        "title='Queued, then sent by the worker')",
    )

    assert [r.json()["database"] for r in health] == ["ok"] * 4
    assert topology.wait_for_mail(count=mail_before + 1, timeout=30) >= mail_before + 1
    # The other tests on this topology may send mail of their own: this one is among them.
    sent = [m.read_bytes() for m in (topology.dir / "mail").glob("*.eml")]
    assert [m for m in sent if b"Queued, then sent by the worker" in m]
