"""A summary read is logged once per request whatever the office's size: the counted set is
stored once per distinct set and every student counted still sees each read in their log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import Consent
from accounts.services.consent import consent_revoke
from projects.careers.models import Disclosure, DisclosureSnapshot
from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/careers/reports/summary/"


def _engaged(office, *names: str) -> list:
    students = [make_student(office, name) for name in names]
    for student in students:
        EngagementFactory(drafter=student)
    careers_summary_rebuild()  # factories write past the services that keep it in step
    return students


def _log(student) -> list[dict]:
    client = APIClient()
    client.force_authenticate(student)
    return client.get("/api/v1/me/disclosures/").json()["results"]


def _writes_of_a_summary_read(office) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert office.key_client().get(SUMMARY).status_code == 200
    return [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith("INSERT")]


def test_a_summary_read_writes_one_row_whether_it_counted_three_students_or_thirty(office):
    _engaged(office, "Ana One", "Ben Two", "Cy Three")
    office.key_client().get(SUMMARY)  # the first read of this set stores it
    few = _writes_of_a_summary_read(office)

    _engaged(office, *(f"Student {n}" for n in range(27)))
    office.key_client().get(SUMMARY)
    many = _writes_of_a_summary_read(office)

    assert len(few) == len(many) == 1
    assert "careers_disclosure" in many[0]
    assert DisclosureSnapshot.objects.count() == 2  # one per distinct counted set
    assert list(
        Disclosure.objects.filter(endpoint=SUMMARY).order_by("id").values_list("student_count")
    ) == [(3,), (3,), (30,), (30,)]


def test_every_counted_student_sees_each_report_read_and_a_newcomer_only_the_later_ones(office):
    ana, ben = _engaged(office, "Ana One", "Ben Two")
    office.key_client().get(SUMMARY)
    office.staff_client().get(SUMMARY)
    (cy,) = _engaged(office, "Cy Three")
    office.key_client().get(SUMMARY)

    assert [(row["kind"], row["by"]["kind"]) for row in _log(ana)] == [
        ("aggregate", "api_key"),
        ("aggregate", "staff"),
        ("aggregate", "api_key"),
    ]
    assert len(_log(ben)) == 3
    (only,) = _log(cy)
    assert only["description"].endswith(
        "career office, through its own system, counted you in anonymous totals "
        "(participation, stipend amounts)"
    )


def test_a_student_who_stops_sharing_keeps_past_reads_and_is_left_out_of_later_ones(office):
    ana, ben = _engaged(office, "Ana One", "Ben Two")
    office.key_client().get(SUMMARY)
    consent = Consent.objects.get(student=ben, revoked_at__isnull=True)
    consent_revoke(student=ben, consent_id=consent.pk)
    office.key_client().get(SUMMARY)

    assert len(_log(ben)) == 1
    assert len(_log(ana)) == 2
    assert Disclosure.objects.filter(endpoint=SUMMARY).latest("id").student_count == 1


def test_named_reads_and_report_reads_both_reach_the_students_log_once_each(office):
    (ana,) = _engaged(office, "Ana One")
    office.staff_client().get("/api/v1/careers/students/")
    office.staff_client().get(SUMMARY)

    log = _log(ana)

    assert [row["kind"] for row in log] == ["aggregate", "read"]
    assert len({row["id"] for row in log}) == 2


def test_the_office_log_still_says_how_many_students_a_report_counted(office):
    _engaged(office, "Ana One", "Ben Two")
    office.key_client().get(SUMMARY)

    rows = office.staff_client().get("/api/v1/careers/disclosures/").json()["results"]

    assert [(row["endpoint"], row["student_count"]) for row in rows] == [(SUMMARY, 2)]
