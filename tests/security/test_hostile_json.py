"""JSON nested deeper than the parser can follow is the client's error: 400 in the error shape,
on the API and on allauth's headless login (issue 14, item 5)."""

import pytest

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a": ' * 100_000 + "1" + "}" * 100_000


@pytest.mark.django_db
@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["list", "object"])
def test_deeply_nested_json_on_the_api_is_a_400(auth_client, body):
    auth_client.raise_request_exception = False

    response = auth_client.generic("PATCH", "/api/v1/me/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] in {"parse_error", "invalid"}


@pytest.mark.django_db
@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["list", "object"])
def test_deeply_nested_json_on_the_login_is_a_400(client, body):
    client.raise_request_exception = False

    response = client.generic(
        "POST", "/_allauth/browser/v1/auth/login", body, content_type="application/json"
    )

    assert response.status_code == 400
