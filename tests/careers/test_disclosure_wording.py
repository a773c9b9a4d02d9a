"""A student's "who saw your data" log names only what actually reached the office about them:
an endpoint's fields, limited to what the student's consent covered at that moment."""

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts import consent_terms
from accounts.services.consent import consent_grant
from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

NOAH_SCOPES = ["participation", "evaluations", "stipend_amounts"]


def _read_participation(office) -> None:
    """The students list, then the first student's participation page."""
    listed = office.staff_client().get("/api/v1/careers/students/").json()["results"]
    office.staff_client().get(f"/api/v1/careers/students/{listed[0]['id']}/participation/")


def _log(student) -> list[dict]:
    client = APIClient()
    client.force_authenticate(student)
    return client.get("/api/v1/me/disclosures/").json()["results"]


def test_a_read_never_names_outcomes_to_a_student_who_does_not_share_them(office):
    noah = make_student(office, "Noah Kim", scopes=NOAH_SCOPES)
    EngagementFactory(drafter=noah)
    careers_summary_rebuild()  # factories write past the services that keep it in step
    _read_participation(office)
    office.key_client().get("/api/v1/careers/reports/summary/")

    log = _log(noah)

    assert len(log) == 3
    for row in log:
        assert "outcomes" not in row["description"]
        assert "outcomes" not in row["fields"]
    assert "stipend amounts" in log[1]["description"] and "ratings" in log[1]["description"]


def test_a_student_who_shares_outcomes_is_told_outcomes_were_read(office):
    ada = make_student(office, "Ada Park", scopes=[*NOAH_SCOPES, "outcomes"])
    _read_participation(office)

    row = _log(ada)[0]

    assert "outcomes" in row["fields"] and "and outcomes (" in row["description"]


def test_anonymous_totals_name_only_the_shared_scopes_and_say_they_were_counts(office):
    noah = make_student(office, "Noah Kim", scopes=["participation"])
    EngagementFactory(drafter=noah)
    careers_summary_rebuild()  # factories write past the services that keep it in step
    office.key_client().get("/api/v1/careers/reports/summary/")

    (row,) = _log(noah)

    assert row["kind"] == "aggregate"
    assert row["fields"] == ["aggregate:participation"]
    assert row["description"].endswith("counted you in anonymous totals (participation)")


def test_the_wording_follows_the_consent_in_force_when_the_data_was_read(office):
    with time_machine.travel("2026-03-01 09:00Z", tick=False):
        noah = make_student(office, "Noah Kim", scopes=NOAH_SCOPES)
        office.staff_client().get("/api/v1/careers/students/")
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        consent_grant(
            student=noah,
            institution_slug=office.institution.slug,
            scopes=["participation"],
            version=consent_terms.VERSION,
        )
        office.staff_client().get("/api/v1/careers/students/")

    later, earlier = _log(noah)

    assert later["kind"] == earlier["kind"] == "read"
    assert "outcomes" not in later["fields"] and "skills" in later["fields"]
    assert later["fields"] == earlier["fields"]


def test_the_log_costs_the_same_queries_however_many_rows_it_shows(
    office, django_assert_max_num_queries
):
    noah = make_student(office, "Noah Kim", scopes=NOAH_SCOPES)
    for _ in range(6):
        office.staff_client().get("/api/v1/careers/students/")

    with django_assert_max_num_queries(5):
        assert len(_log(noah)) == 6
