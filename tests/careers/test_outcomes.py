"""Outcomes (what completed drafts led to) reach a career office only under the student's
`outcomes` scope, only above the suppression threshold in reports, and stop on the very next
request after the student narrows or revokes consent."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine

from accounts import consent_terms
from accounts.models import Consent
from accounts.services.consent import consent_grant, consent_revoke
from projects.careers.models import Disclosure
from projects.models import Application, Engagement
from projects.services.feedback import feedback_submit
from projects.services.report_back import report_back_create
from tests.careers.conftest import make_student
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db
WITH_OUTCOMES = ["participation", "evaluations", "outcomes"]
DONE = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)


def _completed_with_outcomes(student, outcomes=("referral",)) -> Engagement:
    engagement = EngagementFactory(
        application=ApplicationFactory(
            task=TaskFactory(title=f"Draft for {student.profile.display_name}"),
            drafter=student,
            state=Application.State.ACCEPTED,
        ),
        state=Engagement.State.COMPLETED,
        completed_at=datetime(2026, 3, 20, 9, 0, tzinfo=UTC),
    )
    with time_machine.travel(DONE, tick=False):
        report_back_create(engagement_id=engagement.pk, author=student, outcomes=list(outcomes))
    return engagement


def _student_row(office, name):
    rows = office.key_client().get("/api/v1/careers/students/").json()["results"]
    return next(row for row in rows if row["name"] == name)


def test_outcomes_show_only_for_students_who_share_them(office):
    sharing = make_student(office, "Ola Shares", scopes=WITH_OUTCOMES)
    private = make_student(office, "Pat Private", scopes=["participation"])
    shared_engagement = _completed_with_outcomes(sharing, ("referral", "job_offer"))
    _completed_with_outcomes(private, ("job_offer",))

    assert _student_row(office, "Ola Shares")["outcomes"] == {
        "introduction": 0,
        "referral": 1,
        "repeat_work": 0,
        "job_offer": 1,
    }
    assert _student_row(office, "Ola Shares")["consent"]["scopes"] == WITH_OUTCOMES
    assert _student_row(office, "Pat Private")["outcomes"] is None

    engagements = office.key_client().get("/api/v1/careers/engagements/").json()["results"]
    by_id = {row["id"]: row for row in engagements}
    assert [o["outcome"] for o in by_id[shared_engagement.pk]["outcomes"]] == [
        "job_offer",
        "referral",
    ]
    assert all(row["outcomes"] is None for row in engagements if row["id"] != shared_engagement.pk)

    row = _student_row(office, "Ola Shares")
    participation = (
        office.key_client().get(f"/api/v1/careers/students/{row['id']}/participation/").json()
    )
    assert participation["outcomes"] == [
        {
            "engagement_id": shared_engagement.pk,
            "outcome": "job_offer",
            "reported_at": "2026-04-02T10:00:00Z",
        },
        {
            "engagement_id": shared_engagement.pk,
            "outcome": "referral",
            "reported_at": "2026-04-02T10:00:00Z",
        },
    ]


def test_narrowing_consent_removes_outcomes_on_the_next_request(office):
    student = make_student(office, "Quin Changes", scopes=WITH_OUTCOMES)
    _completed_with_outcomes(student)
    assert _student_row(office, "Quin Changes")["outcomes"]["referral"] == 1

    consent_grant(
        student=student,
        institution_slug=office.institution.slug,
        scopes=["participation"],
        version=consent_terms.VERSION,
    )

    assert _student_row(office, "Quin Changes")["outcomes"] is None
    engagements = office.key_client().get("/api/v1/careers/engagements/").json()["results"]
    assert [row["outcomes"] for row in engagements] == [None]


def _five_sharing(office, scopes=WITH_OUTCOMES):
    students = [make_student(office, f"Grad {i}", scopes=scopes) for i in range(5)]
    for student in students:
        _completed_with_outcomes(student, ("repeat_work",))
    ApplicationFactory(drafter=students[0], task=TaskFactory())
    return students


def test_report_outcomes_and_funnel_need_five_students_who_share_outcomes(office):
    students = _five_sharing(office)
    report = office.key_client().get("/api/v1/careers/reports/summary/").json()
    assert report["totals"]["outcomes"] == {
        "introduction": 0,
        "referral": 0,
        "repeat_work": 5,
        "job_offer": 0,
    }
    assert report["outcomes"] == report["totals"]["outcomes"]
    assert report["totals"]["funnel"] == {
        "applied": 5,
        "engaged": 5,
        "completed": 5,
        "outcome": 5,
    }

    # One student stops sharing outcomes: four are left, so the counts are withheld at once.
    consent_grant(
        student=students[0],
        institution_slug=office.institution.slug,
        scopes=["participation"],
        version=consent_terms.VERSION,
    )
    report = office.key_client().get("/api/v1/careers/reports/summary/").json()
    assert report["totals"]["students"] == 5
    assert report["totals"]["outcomes"] is None
    assert report["totals"]["funnel"]["outcome"] is None

    # Another revokes entirely: the whole cell falls under five students.
    consent = Consent.objects.get(student=students[1], revoked_at__isnull=True)
    consent_revoke(student=students[1], consent_id=consent.pk)
    report = office.key_client().get("/api/v1/careers/reports/summary/").json()
    assert report["totals"]["suppressed"] is True and report["totals"]["funnel"] is None


def test_summary_csv_carries_outcomes_and_funnel(office):
    _five_sharing(office)
    response = office.key_client().get("/api/v1/careers/reports/summary.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["group"] == "All"
    assert (rows[0]["applied_students"], rows[0]["outcome_students"]) == ("5", "5")
    assert (rows[0]["repeat_work"], rows[0]["job_offers"]) == ("5", "0")


def test_reports_group_by_class_year(office):
    for i in range(5):
        student = make_student(office, f"Year {i}", scopes=WITH_OUTCOMES, class_year=2027)
        _completed_with_outcomes(student)
    student = make_student(office, "No Year", scopes=WITH_OUTCOMES)
    _completed_with_outcomes(student)
    report = office.key_client().get("/api/v1/careers/reports/summary/?group_by=class_year").json()
    groups = {group["key"]: group for group in report["groups"]}
    assert groups["2027"]["students"] == 5 and groups["Not given"]["suppressed"] is True
    filtered = office.key_client().get("/api/v1/careers/reports/summary/?class_year=2027").json()
    assert filtered["totals"]["students"] == 5
    filters = office.key_client().get("/api/v1/careers/reports/filters/").json()
    assert filters["class_years"] == [2027]


def test_first_destination_csv_has_one_row_per_student_sharing_outcomes(office):
    sharing = make_student(office, "Rae Grad", scopes=WITH_OUTCOMES, programme="Economics")
    engagement = _completed_with_outcomes(sharing, ("job_offer",))
    feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        competencies={"communication": 4, "teamwork": 5},
    )
    no_ratings = make_student(office, "Sam Grad", scopes=["participation", "outcomes"])
    _completed_with_outcomes(no_ratings, ("referral",))
    private = make_student(office, "Tia Private", scopes=["participation"])
    _completed_with_outcomes(private)

    response = office.key_client().get("/api/v1/careers/reports/first-destination.csv")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert set(rows) == {"Rae Grad", "Sam Grad"}
    assert rows["Rae Grad"]["programme"] == "Economics"
    assert rows["Rae Grad"]["drafts_completed"] == "1"
    assert rows["Rae Grad"]["competencies_rated"] == "communication 4.0 / 5; teamwork 5.0 / 5"
    assert rows["Rae Grad"]["outcomes_with_dates"] == "job_offer 2026-04-02"
    assert rows["Rae Grad"]["job_offer"] == "1"
    assert rows["Sam Grad"]["competencies_rated"] == ""  # no evaluations scope
    assert rows["Rae Grad"]["student_id"] == _student_row(office, "Rae Grad")["id"]
    logged = Disclosure.objects.get(endpoint="/api/v1/careers/reports/first-destination.csv")
    assert logged.student_count == 2 and "outcomes" in logged.fields


def test_consent_terms_explain_outcomes_in_plain_words(client):
    terms = client.get("/api/v1/consent-terms/").json()
    scopes = {scope["key"]: scope for scope in terms["scopes"]}
    assert scopes["outcomes"]["label"] == "Outcomes"
    assert "job or internship offer" in scopes["outcomes"]["explanation"]


# Key lookup and stamp, the page, skills or consent scopes and ratings, outcomes, stored ids,
# and the disclosure log (its row and its students): none of them per row.
@pytest.mark.parametrize("path,queries", [("students/", 9), ("engagements/", 10)])
def test_lists_with_outcomes_cost_the_same_for_a_few_or_many_students(
    office, path, queries, django_assert_max_num_queries
):
    for i in range(12):
        _completed_with_outcomes(make_student(office, f"Many {i}", scopes=WITH_OUTCOMES))
    client = office.key_client()
    client.get(f"/api/v1/careers/{path}")  # the key's first use stamps it
    with django_assert_max_num_queries(queries):
        body = client.get(f"/api/v1/careers/{path}?page_size=10").json()
    assert len(body["results"]) == 10
    assert all(row["outcomes"] for row in body["results"])
