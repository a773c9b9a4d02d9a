"""Rate limits count the real client: X-Forwarded-For is believed only from trusted proxies,
and a login lockout answers 429 with Retry-After (issue 14, item 6)."""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

LOGIN = "/_allauth/browser/v1/auth/login"


@pytest.fixture
def tight_anon_throttle(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


def _anon_statuses(client: APIClient, addresses: list[str], **extra) -> list[int]:
    return [
        client.get("/api/v1/tasks/", HTTP_X_FORWARDED_FOR=address, **extra).status_code
        for address in addresses
    ]


@pytest.mark.django_db
def test_fresh_forwarded_for_values_do_not_escape_the_anonymous_throttle(tight_anon_throttle):
    spoofed = [f"203.0.113.{n}" for n in range(6)]

    statuses = _anon_statuses(APIClient(), spoofed)

    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429, 429]


@pytest.mark.django_db
def test_behind_one_trusted_proxy_each_client_is_counted_apart(settings, tight_anon_throttle):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = APIClient()

    first = _anon_statuses(client, ["198.51.100.1"] * 4)
    second = _anon_statuses(client, ["198.51.100.2"] * 3)
    # A client that writes its own X-Forwarded-For still gets the address the proxy appended.
    spoofing = _anon_statuses(client, ["1.2.3.4, 198.51.100.1"])

    assert first == [200, 200, 200, 429]
    assert second == [200, 200, 200]
    assert spoofing == [429]


def _fail_login(client, email: str, address: str):
    return client.post(
        LOGIN,
        {"email": email, "password": "wrong-password"},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.django_db
def test_login_lockout_is_429_with_retry_after(client, user):
    statuses = [_fail_login(client, user.email, "10.0.0.1").status_code for _ in range(6)]

    locked = _fail_login(client, user.email, "10.0.0.1")

    assert statuses[:5] == [400] * 5
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) >= 60


@pytest.mark.django_db
def test_behind_a_proxy_one_attacker_does_not_lock_out_other_addresses(settings, client, user):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    victim = "victim@example.com"
    for n in range(12):  # past allauth's 10 failures a minute per address
        _fail_login(client, f"guess{n}@example.com", "192.0.2.66")

    attacker = _fail_login(client, "guess99@example.com", "192.0.2.66")
    someone_else = _fail_login(client, victim, "192.0.2.7")

    assert attacker.status_code == 429
    assert someone_else.status_code == 400  # a wrong password, not a lockout
