"""Pages quote limits from GET /api/v1/config/, so the numbers people read are the ones the
server enforces."""

import io

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.mark.django_db
def test_config_is_public_and_its_upload_limit_is_the_enforced_one():
    config = APIClient().get("/api/v1/config/").json()

    assert config["auto_release_days"] == 14
    assert config["feedback_reveal_days"] == 14
    assert ".pdf" in config["upload"]["extensions"]

    client = APIClient()
    client.force_authenticate(UserFactory())
    too_big = io.BytesIO(b"%PDF-1.4\n" + b"0" * config["upload"]["max_bytes"])
    too_big.name = "case-study.pdf"
    response = client.post(
        "/api/v1/me/portfolio/", {"title": "Case study", "file": too_big}, format="multipart"
    )
    assert response.status_code in (400, 413)
    limit_mb = config["upload"]["max_bytes"] // (1024 * 1024)
    assert f"{limit_mb} MB" in response.json()["error"]["message"] + str(
        response.json()["error"]["fields"]
    )
