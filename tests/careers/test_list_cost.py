"""The office's lists and report cost the same number of queries for a small office as for a
big one, and their pages follow the indexed id order (keyset cursor)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Consent, InstitutionMembership, Skill, User
from accounts.services.consent import consent_revoke
from projects.careers.access import CareersAccess
from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Engagement
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, UserSkillFactory

pytestmark = pytest.mark.django_db

SCOPES = ["participation", "evaluations", "stipend_amounts", "outcomes"]
READS = (
    "/api/v1/careers/students/?page_size=5&updated_since=2000-01-01T00:00:00Z",
    "/api/v1/careers/engagements/?page_size=5&state=completed",
    "/api/v1/careers/reports/summary/",
)


def _grow(office, start: int, count: int) -> None:
    skill = Skill.objects.get_or_create(slug="figma", defaults={"name": "Figma"})[0]
    for n in range(start, start + count):
        student = make_student(office, f"Student {n}", scopes=SCOPES, programme="History")
        UserSkillFactory(user=student, skill=skill)
        EngagementFactory(drafter=student, state=Engagement.State.COMPLETED)
        EngagementFactory(drafter=student)
    careers_summary_rebuild()  # factories write past the services that keep it in step


def _queries(client, url: str) -> int:
    client.get(url)  # a report's first read of a counted set stores it once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", READS)
def test_a_read_costs_the_same_queries_for_six_students_as_for_thirty(office, url):
    client = office.key_client()
    _grow(office, 0, 6)
    few = _queries(client, url)

    _grow(office, 6, 24)
    many = _queries(client, url)

    assert few == many


@pytest.mark.parametrize(
    ("path", "field"),
    [("students/?page_size=4", "id"), ("engagements/?page_size=4&state=completed", "id")],
)
def test_no_page_of_a_list_costs_more_queries_than_the_first_and_pages_follow_id_order(
    office, path, field
):
    _grow(office, 0, 10)
    client = office.key_client()
    url, counts, pages = f"/api/v1/careers/{path}", [], []
    while url:
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url).json()
        counts.append(len(captured))
        pages.append([row[field] for row in body["results"]])
        url = body["next"]

    assert sum(len(page) for page in pages) == 10
    assert max(counts) == counts[0]
    if path.startswith("engagements"):
        flat = [pk for page in pages for pk in page]
        assert flat == sorted(flat)


def _every_kind_of_student(office, other_office, *, partly: list[str]) -> list:
    """Sharing fully, sharing `partly`, never shared, stopped sharing, left school, closed
    account, and another office's student: everyone a consent rule must tell apart."""
    sharing = make_student(office, "Sharing Fully", scopes=SCOPES)
    partial = make_student(office, "Sharing Partly", scopes=partly)
    never = make_student(office, "Never Shared", scopes=None)
    revoked = make_student(office, "Stopped Sharing", scopes=SCOPES)
    consent_revoke(student=revoked, consent_id=Consent.objects.get(student=revoked).pk)
    left = make_student(office, "Left School", scopes=SCOPES)
    InstitutionMembership.objects.filter(user=left).update(ended_at=timezone.now())
    gone = make_student(office, "Closed Account", scopes=SCOPES)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    elsewhere = make_student(other_office, "Other School", scopes=SCOPES)
    return [sharing, partial, never, revoked, left, gone, elsewhere]


@pytest.mark.parametrize("scope", ["participation", "stipend_amounts", "outcomes"])
def test_the_engagement_filter_admits_exactly_the_students_the_office_may_see(
    office, other_office, scope
):
    students = _every_kind_of_student(office, other_office, partly=["participation"])
    sharing, partly = students[0], students[1]
    for student in students:
        EngagementFactory(drafter=student)
    access = CareersAccess(institution=office.institution)

    admitted = set(
        Engagement.objects.filter(access.consenting("drafter_id", scope)).values_list(
            "drafter_id", flat=True
        )
    )

    assert admitted == set(access.students(scope).values_list("pk", flat=True))
    assert sharing.pk in admitted and (partly.pk in admitted) == (scope == "participation")


@pytest.mark.parametrize(
    ("url", "pinned"),
    # The API key's lookup, the page, one statement per kind of detail for the whole page
    # (students: skills listed and drafted, outcome counts, removals; engagements: the page's
    # students' ids and consent scopes, ratings, outcomes), and the disclosure log's row and
    # its students.
    [(READS[0], 7), (READS[1], 7)],
)
def test_a_list_page_costs_a_fixed_handful_of_queries(office, url, pinned):
    _grow(office, 0, 6)

    assert _queries(office.key_client(), url) == pinned


def test_the_page_students_scopes_are_exactly_what_the_office_may_see(office, other_office):
    students = _every_kind_of_student(office, other_office, partly=["participation", "evaluations"])
    sharing, partly = students[0], students[1]
    ids = {student.pk for student in students}
    access = CareersAccess(institution=office.institution)

    page = access.page_students(ids, SCOPES)

    assert set(page) == ids
    for scope in SCOPES:
        seen = {pk for pk, student in page.items() if scope in student.scopes}
        assert seen == set(access.students(scope).filter(pk__in=ids).values_list("pk", flat=True))
    assert page[sharing.pk].scopes == set(SCOPES)
    assert page[partly.pk].scopes == {"participation", "evaluations"}
    assert all(student.public_id == access.student_public_id(pk) for pk, student in page.items())
