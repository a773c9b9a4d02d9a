"""Every API error has one shape: {"error": {"code", "message", "fields"}}."""

import pytest
from django.test import override_settings
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_unknown_api_route_is_a_json_404(client):
    assert_error_shape(client.get("/api/v1/no-such-thing/"), 404, "not_found")


def test_unknown_top_level_api_path_is_a_json_404(client):
    assert_error_shape(client.get("/api/v7/me/"), 404, "not_found")


def test_unknown_page_is_an_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_anonymous_request_to_private_resource_is_401(api_client):
    response = api_client.get("/api/v1/me/")
    error = assert_error_shape(response, 401, "not_authenticated")
    assert "credentials" in error["message"]
    assert response["WWW-Authenticate"]


def test_wrong_method_is_405(auth_client):
    assert_error_shape(auth_client.delete("/api/v1/me/"), 405, "method_not_allowed")


def test_malformed_json_is_400_with_a_message(auth_client):
    response = auth_client.generic(
        "PATCH", "/api/v1/me/", data=b'{"headline": ', content_type="application/json"
    )
    error = assert_error_shape(response, 400, "malformed_request")
    assert "JSON" in error["message"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_oversized_body_is_refused_with_413(auth_client):
    body = b'{"headline": "' + b"x" * 4096 + b'"}'
    response = auth_client.generic(
        "PATCH", "/api/v1/me/", data=body, content_type="application/json"
    )
    assert_error_shape(response, 413, "request_too_large")


def test_throttled_requests_get_429_with_retry_after(api_client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    for _ in range(2):
        assert api_client.get("/api/v1/").status_code == 200
    response = api_client.get("/api/v1/")
    assert_error_shape(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/tasks/99999999999999999999999999/",
        "/api/v1/engagements/99999999999999999999999999/",
        "/api/v1/applications/99999999999999999999999999/",
    ],
)
def test_absurd_ids_are_404_not_a_database_overflow(auth_client, path):
    assert_error_shape(auth_client.get(path), 404, "not_found")
