"""The careers CSV files follow one rule: quoted only where a cell needs it (numbers are plain),
and a typed text that a spreadsheet would run as a formula starts with an apostrophe, whatever
the quoting. In the summary, an empty `stipend_totals` means hidden, never "no amounts": shared
amounts that add up to nothing are a 0."""

import csv
import io
from datetime import UTC, datetime

import pytest

from projects.careers.csv_cells import csv_text
from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.careers.test_outcomes import WITH_OUTCOMES, _completed_with_outcomes
from tests.factories import EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_formula_cells_are_defused_by_an_apostrophe_not_by_quotes():
    text = csv_text([["=1+1", "+44 20", "-x", "@SUM(A1)", "\tTab", "plain, with comma", 3, None]])

    assert text == "'=1+1,'+44 20,'-x,'@SUM(A1),'\tTab,\"plain, with comma\",3,\r\n"


def test_the_first_destination_file_quotes_only_where_needed_and_defuses_formulas(office):
    student = make_student(office, "=HYPERLINK(1)", scopes=WITH_OUTCOMES, programme="Economics")
    _completed_with_outcomes(student, ("job_offer",))

    response = office.key_client().get("/api/v1/careers/reports/first-destination.csv")
    text = response.content.decode()

    (row,) = _rows(response)
    assert row["name"] == "'=HYPERLINK(1)"
    assert ',"1",' not in text and ",1," in text  # counts are plain numbers


def test_the_disclosure_log_defuses_a_formula_in_a_colleagues_name(office):
    office.admin.profile.display_name = "@evil"
    office.admin.profile.save()
    make_student(office, "Noah Kim")
    office.staff_client().get("/api/v1/careers/students/")

    (row,) = _rows(office.staff_client().get("/api/v1/careers/disclosures.csv"))

    assert row["by"] == "'@evil"
    assert row["what"] == "students list"


def test_summary_stipend_totals_say_0_when_shared_amounts_add_up_to_nothing(office):
    for i in range(5):
        EngagementFactory(drafter=make_student(office, f"Unpaid {i}"))  # every scope shared
    careers_summary_rebuild()

    (everyone,) = _rows(office.key_client().get("/api/v1/careers/reports/summary.csv"))[:1]

    assert everyone["group"] == "All" and everyone["unpaid"] == "5"
    assert everyone["stipend_totals"] == "0.00"


def test_summary_stipend_totals_stay_empty_when_hidden(office):
    for i in range(5):  # paid, but nobody shares stipend amounts: the sum is hidden, not 0
        EngagementFactory(
            drafter=make_student(office, f"Private {i}", scopes=["participation"]),
            application__task=TaskFactory(stipend_amount=20000),
        )
    careers_summary_rebuild()

    (everyone,) = _rows(office.key_client().get("/api/v1/careers/reports/summary.csv"))[:1]

    assert everyone["students"] == "5" and everyone["paid"] == "5"
    assert everyone["stipend_totals"] == ""


def test_a_filtered_summary_names_its_filter_in_the_first_row_not_all(office):
    for i in range(5):
        EngagementFactory(drafter=make_student(office, f"Designer {i}", programme="Design"))
    careers_summary_rebuild()
    client = office.staff_client()

    (filtered,) = _rows(client.get("/api/v1/careers/reports/summary.csv?major=Design"))[:1]
    (everyone,) = _rows(client.get("/api/v1/careers/reports/summary.csv"))[:1]
    (both,) = _rows(client.get("/api/v1/careers/reports/summary.csv?major=Design&class_year=2027"))[
        :1
    ]

    assert filtered["group"] == "Design" and filtered["students"] == "5"
    assert everyone["group"] == "All"
    assert both["group"] == "Design, class of 2027"


def test_the_first_destination_file_follows_the_pages_programme_and_class_year(office):
    for name, programme, year in (
        ("Dana Design", "Design", 2027),
        ("Eli Design", "Design", 2028),
        ("Fay Economics", "Economics", 2027),
    ):
        student = make_student(
            office, name, scopes=WITH_OUTCOMES, programme=programme, class_year=year
        )
        _completed_with_outcomes(student, ("referral",))
    client = office.staff_client()

    def names(query: str) -> list[str]:
        url = f"/api/v1/careers/reports/first-destination.csv{query}"
        return sorted(row["name"] for row in _rows(client.get(url)))

    assert names("") == ["Dana Design", "Eli Design", "Fay Economics"]
    assert names("?programme=Design") == ["Dana Design", "Eli Design"]
    assert names("?programme=Design&class_year=2027") == ["Dana Design"]
    assert names("?term=2025 Fall") == []


def test_the_first_destination_file_refuses_a_malformed_term(office):
    response = office.staff_client().get("/api/v1/careers/reports/first-destination.csv?term=Fall")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["term"]


def test_the_first_destination_file_says_engagements_at_its_end_with_the_draft_columns_kept(office):
    student = make_student(office, "Gil Two", scopes=WITH_OUTCOMES)
    _completed_with_outcomes(student)  # completed 2026-03-20
    later = _completed_with_outcomes(student)
    later.completed_at = datetime(2026, 4, 9, 9, 0, tzinfo=UTC)
    later.save(update_fields=["completed_at"])

    response = office.staff_client().get("/api/v1/careers/reports/first-destination.csv")
    header = response.content.decode().splitlines()[0].split(",")
    (row,) = _rows(response)

    # Existing imports read the columns by position too: the old ones stay where they were.
    assert header[4:7] == [
        "drafts_completed",
        "first_draft_completed_on",
        "last_draft_completed_on",
    ]
    assert header[-3:] == [
        "engagements_completed",
        "first_engagement_completed_on",
        "last_engagement_completed_on",
    ]
    assert (
        row["engagements_completed"],
        row["first_engagement_completed_on"],
        row["last_engagement_completed_on"],
    ) == ("2", "2026-03-20", "2026-04-09")
    assert (
        row["drafts_completed"],
        row["first_draft_completed_on"],
        row["last_draft_completed_on"],
    ) == ("2", "2026-03-20", "2026-04-09")
