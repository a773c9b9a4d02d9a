"""careers-summary.csv's money as a number a spreadsheet can add up: `stipend_totals` stays as it
was ("USD 1200.00", the contract never renames nor removes a column), and two columns at the end
say the same as a plain number and its currency; blank when hidden; when a group's stipends are
in several currencies (tasks may pay in usd, eur, gbp, cad or aud) no single number adds them
up, so the number is blank and the currency says "several currencies"."""

import csv
import io

import pytest

from projects.careers.selectors.report_csv import REPORT_CSV_COLUMNS
from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/careers/reports/summary.csv"


def _everyone(office) -> dict[str, str]:
    response = office.key_client().get(URL)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["group"] == "All"
    return rows[0]


def _paid(office, name: str, *, amount: int, currency: str = "usd", **student) -> None:
    EngagementFactory(
        drafter=make_student(office, name, **student),
        application__task=TaskFactory(stipend_amount=amount, stipend_currency=currency),
    )


def test_the_new_columns_come_last_and_the_old_ones_keep_their_place():
    assert REPORT_CSV_COLUMNS[-3:-1] == ("stipend_total", "stipend_currency")
    assert REPORT_CSV_COLUMNS[8] == "stipend_totals"
    assert REPORT_CSV_COLUMNS[-4] == "suppressed"
    assert REPORT_CSV_COLUMNS[-1] == "notes"  # added later still, after them


def test_one_currency_is_a_plain_number_beside_its_currency(office):
    for i in range(5):
        _paid(office, f"Paid {i}", amount=24000)
    careers_summary_rebuild()

    everyone = _everyone(office)

    assert everyone["stipend_totals"] == "USD 1200.00"  # unchanged
    assert (everyone["stipend_total"], everyone["stipend_currency"]) == ("1200.00", "USD")
    assert float(everyone["stipend_total"]) == 1200


def test_nothing_paid_is_a_zero_without_a_currency(office):
    for i in range(5):
        EngagementFactory(drafter=make_student(office, f"Unpaid {i}"))
    careers_summary_rebuild()

    everyone = _everyone(office)

    assert everyone["stipend_totals"] == "0.00"
    assert (everyone["stipend_total"], everyone["stipend_currency"]) == ("0.00", "")


def test_hidden_totals_leave_both_new_columns_blank(office):
    for i in range(5):  # paid, but nobody shares stipend amounts
        _paid(office, f"Private {i}", amount=20000, scopes=["participation"])
    careers_summary_rebuild()

    everyone = _everyone(office)

    assert everyone["stipend_totals"] == ""
    assert (everyone["stipend_total"], everyone["stipend_currency"]) == ("", "")


def test_several_currencies_leave_the_number_blank_and_say_so(office):
    for i in range(5):
        _paid(office, f"Dollars {i}", amount=10000)
        _paid(office, f"Euros {i}", amount=5000, currency="eur")
    careers_summary_rebuild()

    everyone = _everyone(office)

    assert everyone["stipend_totals"] == "EUR 250.00 USD 500.00"
    assert everyone["stipend_total"] == ""
    assert everyone["stipend_currency"] == "several currencies"
