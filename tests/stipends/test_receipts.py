"""Ledger receipts: each entry has its own receipt number that says nothing of the site's volume,
and a printable receipt that only the entry's own person can open."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from projects.stipends.models import LedgerEntry
from tests.factories import UserFactory

from .conftest import onboard, pay

pytestmark = pytest.mark.django_db(transaction=True)
REFERENCE = re.compile(r"^SLP-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$")


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _named(engagement) -> None:
    for user, name in ((engagement.mentor, "Maya Okafor"), (engagement.drafter, "Sam Rivera")):
        user.profile.display_name = name
        user.profile.save(update_fields=["display_name"])


def test_a_first_payment_has_its_own_receipt_number_not_a_global_count(
    engagement, standin, webhooks
):
    pay(standin, engagement)
    webhooks.deliver()

    [entry] = client_for(engagement.mentor).get("/api/v1/me/ledger/").json()["results"]

    assert REFERENCE.match(entry["reference"])
    assert str(entry["id"]) not in entry["reference"]
    assert entry["receipt_url"] == f"/api/v1/me/ledger/{entry['id']}/receipt/"


def test_the_receipt_names_payer_payee_amounts_fee_date_and_stripe_reference(
    engagement, standin, webhooks
):
    _named(engagement)
    pay(standin, engagement)
    webhooks.deliver()
    entry = LedgerEntry.objects.get(user=engagement.mentor)

    response = client_for(engagement.mentor).get(f"/api/v1/me/ledger/{entry.pk}/receipt/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert f"Receipt {entry.reference}" in page
    assert "Maya Okafor" in page and "Slipstream, held for Sam Rivera until approval" in page
    assert "125.00 USD" in page  # the stipend, paid in this entry
    assert "12.50 USD" in page and "112.50 USD" in page  # the fee and the drafter's share
    assert entry.stripe_object_id and entry.stripe_object_id in page


def test_a_payout_receipt_says_slipstream_paid_the_drafter_for_the_mentor(
    engagement, standin, webhooks
):
    from .conftest import approve

    _named(engagement)
    pay(standin, engagement)
    webhooks.deliver()
    onboard(standin, engagement.drafter)
    approve(engagement)
    webhooks.deliver()
    entry = LedgerEntry.objects.get(user=engagement.drafter, kind=LedgerEntry.Kind.PAYOUT)

    page = client_for(engagement.drafter).get(f"/api/v1/me/ledger/{entry.pk}/receipt/")

    assert "Slipstream, paying out Maya Okafor\u2019s stipend" in page.content.decode()
    assert "112.50 USD" in page.content.decode()


def test_someone_elses_receipt_answers_like_a_missing_one(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    entry = LedgerEntry.objects.get(user=engagement.mentor)
    url = f"/api/v1/me/ledger/{entry.pk}/receipt/"

    for other in (engagement.drafter, UserFactory()):
        response = client_for(other).get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"]
    assert client_for(engagement.mentor).get("/api/v1/me/ledger/999999/receipt/").status_code == 404
    assert APIClient().get(url).status_code == 401


def test_the_schema_describes_the_receipt_download():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    operation = schema["paths"]["/api/v1/me/ledger/{entry_id}/receipt/"]["get"]
    assert "text/html" in operation["responses"]["200"]["content"]
    assert "404" in operation["responses"]
