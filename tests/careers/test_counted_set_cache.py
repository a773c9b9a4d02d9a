"""The set a summary read logs is cached per version (projects/careers/counted.py): the summary
hook renews the version whenever a student starts or stops counting, so the next read logs the
new set."""

import pytest

from projects.careers.models import Disclosure
from projects.careers.services.summary import careers_students_sync
from tests.careers.conftest import make_student
from tests.careers.test_disclosure_snapshots import SUMMARY, _engaged, _log
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_a_student_who_starts_counting_after_a_report_is_counted_in_the_next_one(office):
    _engaged(office, "Ana One", "Ben Two")
    office.key_client().get(SUMMARY)  # the set {Ana, Ben} is now cached
    cy = make_student(office, "Cy Three")
    EngagementFactory(drafter=cy)
    careers_students_sync(user_ids=[cy.pk])  # what the engagement services call

    office.key_client().get(SUMMARY)

    assert Disclosure.objects.filter(endpoint=SUMMARY).latest("id").student_count == 3
    assert len(_log(cy)) == 1


def test_repeated_reports_of_an_unchanged_office_log_the_same_set(office):
    _engaged(office, "Ana One", "Ben Two")
    for _ in range(3):
        office.key_client().get(SUMMARY)

    counted = Disclosure.objects.filter(endpoint=SUMMARY).values_list("snapshot_id", flat=True)
    assert len(set(counted)) == 1
    assert Disclosure.objects.filter(endpoint=SUMMARY).latest("id").student_count == 2
