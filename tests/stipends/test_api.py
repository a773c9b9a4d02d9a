"""Onboarding status and links, and the ledger: each person sees their own money only."""

import pytest
from rest_framework.test import APIClient

from projects.stipends.models import ConnectedAccount
from tests.factories import UserFactory

from .conftest import STIPEND, approve, cancel, onboard, pay

pytestmark = pytest.mark.django_db(transaction=True)
ONBOARDING = "/api/v1/me/payouts/onboarding/"
LEDGER = "/api/v1/me/ledger/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_status_before_any_setup(db):
    response = client_for(UserFactory()).get(ONBOARDING)

    assert response.status_code == 200
    assert response.json() == {
        "has_account": False,
        "payouts_enabled": False,
        "charges_enabled": False,
        "details_submitted": False,
        "requirements_due": [],
        "onboarding_url": None,
        "waiting_payouts": [],
    }


def test_post_creates_one_account_and_a_fresh_link_each_time(db, standin, stripe_api):
    user = UserFactory()
    client = client_for(user)

    first = client.post(ONBOARDING).json()
    second = client.post(ONBOARDING).json()

    assert first["onboarding_url"].startswith(f"{standin.base_url}/connect/onboarding/acct_")
    assert second["onboarding_url"] != first["onboarding_url"]
    assert first["has_account"] and not first["payouts_enabled"]
    assert "external_account" in first["requirements_due"]
    account = ConnectedAccount.objects.get(user=user)
    remote = stripe_api.v1.accounts.retrieve(account.stripe_account_id)
    assert remote.metadata.to_dict() == {"user": str(user.pk)}
    assert remote.type == "express"


def test_return_page_status_rereads_the_account_before_the_webhook(db, standin):
    user = UserFactory()
    link = client_for(user).post(ONBOARDING).json()["onboarding_url"]
    standin.complete_onboarding(link)  # account.updated not delivered yet

    status = client_for(user).get(ONBOARDING).json()

    assert status["payouts_enabled"] is True
    assert status["requirements_due"] == []


def test_anonymous_gets_401(db):
    assert APIClient().get(ONBOARDING).status_code == 401
    assert APIClient().get(LEDGER).status_code == 401


def test_ledger_shows_each_person_their_own_movements(engagement, standin, webhooks):
    pay(standin, engagement)
    onboard(standin, engagement.drafter)
    webhooks.deliver()
    approve(engagement)

    mentor = client_for(engagement.mentor).get(LEDGER).json()
    drafter = client_for(engagement.drafter).get(LEDGER).json()
    stranger = client_for(UserFactory()).get(LEDGER).json()

    [paid] = mentor["results"]
    assert (paid["kind"], paid["amount"], paid["currency"]) == ("stipend_paid", -STIPEND, "usd")
    assert paid["engagement_id"] == engagement.pk
    assert paid["task_title"] == engagement.task.title
    assert paid["receipt"].startswith("pi_")
    [payout] = drafter["results"]
    assert (payout["kind"], payout["amount"]) == ("payout", STIPEND - STIPEND // 10)
    assert payout["receipt"].startswith("tr_")
    assert stranger["results"] == []


def test_ledger_lists_refunds_newest_first(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    cancel(engagement)

    results = client_for(engagement.mentor).get(LEDGER).json()["results"]

    assert [(r["kind"], r["amount"]) for r in results] == [
        ("refund", STIPEND),
        ("stipend_paid", -STIPEND),
    ]


def test_ledger_page_costs_a_fixed_number_of_queries(
    engagement, standin, webhooks, django_assert_max_num_queries
):
    pay(standin, engagement)
    webhooks.deliver()
    cancel(engagement)
    client = client_for(engagement.mentor)

    with django_assert_max_num_queries(4):
        client.get(LEDGER)
