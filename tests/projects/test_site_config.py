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


@pytest.mark.django_db
def test_stipend_quote_and_task_outputs_give_what_the_payout_will_pay(settings):
    from projects.stipends.services.ledger import platform_fee_for
    from tests.factories import TaskFactory

    settings.PLATFORM_FEE_PERCENT = 10
    quote = APIClient().get("/api/v1/config/stipend-quote/?amount=15000").json()
    assert quote == {
        "amount": 15000,
        "fee_amount": 1500,
        "stipend_after_fee": 13500,
        "platform_fee_percent": 10.0,
    }
    assert quote["fee_amount"] == platform_fee_for(15000)  # the payout's own arithmetic
    task = TaskFactory(stipend_amount=15000, stipend_currency="usd")
    page = APIClient().get(f"/api/v1/tasks/{task.pk}/").json()
    card = APIClient().get("/api/v1/tasks/").json()["results"][0]
    for terms in (page, card):
        assert terms["stipend_after_fee"] == 13500
        assert terms["platform_fee_percent"] == 10.0
    unpaid = TaskFactory(stipend_amount=None, what_you_gain="A reference letter")
    assert APIClient().get(f"/api/v1/tasks/{unpaid.pk}/").json()["stipend_after_fee"] is None


@pytest.mark.django_db
def test_stipend_quote_refuses_what_is_not_a_stipend():
    for query in ("", "?amount=x", "?amount=-5", "?amount=999999999999"):
        response = APIClient().get(f"/api/v1/config/stipend-quote/{query}")
        assert response.status_code == 400
        assert response.json()["error"]["fields"]["amount"]
