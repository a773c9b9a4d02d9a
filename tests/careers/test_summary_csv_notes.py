"""summary.csv says why a cell is empty, where the office reads it: a last `notes` column names
the hidden parts of each row (a whole row of fewer than 5 students, stipend totals fewer than 5
share, outcomes fewer than 5 share) and a stipend number left empty for several currencies. The
numeric columns stay numbers; a row with nothing empty has no note."""

import csv
import io

import pytest

from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/careers/reports/summary.csv"
EVERYTHING = ["participation", "stipend_amounts", "outcomes"]


def _rows(office, query: str = "") -> dict[str, dict[str, str]]:
    response = office.key_client().get(f"{URL}{query}")
    assert response.status_code == 200
    return {row["group"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}


def _paid(office, name: str, *, scopes, programme="Economics", currency="usd") -> None:
    EngagementFactory(
        drafter=make_student(office, name, scopes=scopes, programme=programme),
        application__task=TaskFactory(stipend_amount=20000, stipend_currency=currency),
    )


def test_a_row_that_hides_nothing_has_no_note(office):
    for i in range(5):
        _paid(office, f"Open {i}", scopes=EVERYTHING)
    careers_summary_rebuild()

    everyone = _rows(office)["All"]

    assert everyone["stipend_total"] == "1000.00"
    assert everyone["notes"] == ""


def test_hidden_stipends_and_outcomes_are_named_in_the_notes(office):
    for i in range(5):  # paid, but they share neither amounts nor outcomes
        _paid(office, f"Private {i}", scopes=["participation"])
    careers_summary_rebuild()

    everyone = _rows(office)["All"]

    assert (everyone["stipend_totals"], everyone["referrals"]) == ("", "")
    assert everyone["notes"] == (
        "Stipend totals hidden: fewer than 5 of the students with a stipend share amounts; "
        "outcomes hidden: fewer than 5 students share outcomes"
    )
    assert everyone["students"] == "5"  # the figures themselves are shown


def test_a_small_group_says_every_figure_is_hidden(office):
    for i in range(5):
        _paid(office, f"Economist {i}", scopes=EVERYTHING)
    _paid(office, "Lone Historian", scopes=EVERYTHING, programme="History")
    careers_summary_rebuild()

    rows = _rows(office, "?group_by=major")

    assert rows["History"]["suppressed"] == "true"
    assert rows["History"]["notes"] == "Every figure hidden: fewer than 5 students take part"
    assert rows["Economics"]["notes"] == ""


def test_several_currencies_say_why_the_number_is_empty(office):
    for i in range(5):
        _paid(office, f"Dollars {i}", scopes=EVERYTHING)
        _paid(office, f"Euros {i}", scopes=EVERYTHING, currency="eur")
    careers_summary_rebuild()

    everyone = _rows(office)["All"]

    assert everyone["stipend_total"] == ""
    assert (
        everyone["notes"]
        == "No single stipend_total: paid in several currencies (see stipend_totals)"
    )


def test_a_group_with_no_stipends_says_so_and_writes_its_zero_like_the_others(office):
    for i in range(5):
        _paid(office, f"Economist {i}", scopes=EVERYTHING)
        EngagementFactory(
            drafter=make_student(office, f"Historian {i}", scopes=EVERYTHING, programme="History")
        )
    careers_summary_rebuild()

    rows = _rows(office, "?group_by=major")

    assert rows["Economics"]["stipend_totals"] == "USD 1000.00"
    history = rows["History"]
    assert (history["stipend_totals"], history["stipend_total"], history["stipend_currency"]) == (
        "USD 0.00",
        "0.00",
        "USD",
    )
    assert history["notes"] == "No stipends in this group"
    assert rows["Economics"]["notes"] == ""
