"""The ledger's total row and CSV download: each person's own money only, summed per currency,
and no cell a spreadsheet would run as a formula."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from projects.models import Engagement, Task
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from tests.factories import EngagementFactory, TaskFactory, UserFactory

from .conftest import STIPEND, cancel, make_paid_engagement, pay

pytestmark = pytest.mark.django_db(transaction=True)
TOTALS = "/api/v1/me/ledger/totals/"
CSV = "/api/v1/me/ledger.csv"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_total_sums_money_in_and_out_per_currency(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    cancel(engagement)

    totals = client_for(engagement.mentor).get(TOTALS).json()

    assert totals == [
        {"currency": "usd", "entries": 2, "money_in": STIPEND, "money_out": -STIPEND, "net": 0}
    ]


def test_a_person_with_no_movements_has_no_total_and_a_csv_of_headers_only(db):
    user = UserFactory()

    assert client_for(user).get(TOTALS).json() == []
    rows = _rows(client_for(user).get(CSV))
    assert rows == [
        [
            "date", "receipt", "kind", "task", "description", "amount", "currency",
            "stripe_reference",
        ]
    ]  # fmt: skip


def test_the_csv_lists_my_own_entries_oldest_first_then_the_total(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()
    cancel(engagement)

    response = client_for(engagement.mentor).get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, paid, refund, total = _rows(response)
    assert header[5] == "amount"
    assert (paid[2], paid[3], paid[5], paid[6]) == (
        "Stipend paid", engagement.task.title, f"-{STIPEND // 100}.00", "USD"
    )  # fmt: skip
    assert paid[7].startswith("pi_")
    assert (refund[2], refund[5]) == ("Refund", f"{STIPEND // 100}.00")
    assert (total[2], total[4], total[5], total[6]) == ("Total", "2 entries", "0.00", "USD")


def test_nobody_else_reads_my_ledger_and_anonymous_gets_401(engagement, standin, webhooks):
    pay(standin, engagement)
    webhooks.deliver()

    stranger = client_for(UserFactory())

    assert stranger.get(TOTALS).json() == []
    assert len(_rows(stranger.get(CSV))) == 1
    assert APIClient().get(TOTALS).status_code == 401
    assert APIClient().get(CSV).status_code == 401


def test_a_task_title_written_as_a_formula_reaches_the_spreadsheet_as_text(standin, webhooks):
    engagement = make_paid_engagement()
    Task.objects.filter(pk=engagement.task_id).update(title='=HYPERLINK("http://x.example","y")')
    pay(standin, engagement)
    webhooks.deliver()

    [_, paid, _] = _rows(client_for(engagement.mentor).get(CSV))

    assert paid[3] == '\'=HYPERLINK("http://x.example","y")'
    # Amounts stay numbers a spreadsheet can add up (a minus sign is the sign, not a formula).
    assert paid[5] == f"-{STIPEND // 100}.00"


def test_the_csv_costs_a_fixed_number_of_queries(standin, webhooks, django_assert_max_num_queries):
    mentor = UserFactory()
    for _ in range(3):
        task = TaskFactory(stipend_amount=STIPEND, mentor=mentor)
        engagement = EngagementFactory(
            application__task=task, state=Engagement.State.AWAITING_FUNDING
        )
        stipend_on_engagement_accepted(engagement=engagement)
        pay(standin, engagement)
    webhooks.deliver()
    client = client_for(mentor)

    with django_assert_max_num_queries(6):
        rows = _rows(client.get(CSV))
    assert len(rows) == 1 + 3 + 1
    assert rows[-1][4] == "3 entries"
