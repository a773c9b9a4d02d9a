"""The summary table is kept in step by the services, in their transaction: after a long,
realistic sequence of events (applications, acceptances, deliveries, approvals, cancellations,
report-backs, ratings, cohort changes, consents narrowed, revoked and given again, across months
and terms), the cells equal a rebuild from scratch — and the report reads only the cells."""

import random
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from accounts import consent_terms
from accounts.models import Consent
from accounts.services.consent import consent_grant, consent_revoke
from accounts.services.institutions import membership_details_set
from projects.careers.models import CareersStudent, SummaryCell
from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Application, Engagement, Feedback
from projects.services.applications import (
    application_accept,
    application_create,
    application_decline,
    application_withdraw,
)
from projects.services.engagements import (
    engagement_activate_after_funding,
    engagement_approve,
    engagement_cancel,
    engagement_deliver,
)
from projects.services.feedback import feedback_submit
from projects.services.report_back import report_back_create
from tests.careers.conftest import make_student
from tests.factories import SkillFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db
START = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
SCOPE_SETS = [
    ["participation"],
    ["participation", "stipend_amounts"],
    ["participation", "outcomes"],
    ["participation", "evaluations", "stipend_amounts", "outcomes"],
]
PROGRAMMES = ["Economics", "History", "Biology", ""]


def _cells() -> list[tuple]:
    fields = [f.name for f in SummaryCell._meta.fields if f.name != "id"]
    return sorted(tuple(str(v) for v in row) for row in SummaryCell.objects.values_list(*fields))


def _grant(student, office, scopes):
    consent_grant(
        student=student,
        institution_slug=office.institution.slug,
        scopes=scopes,
        version=consent_terms.VERSION,
    )


def _play(office, rng: random.Random, steps: int) -> dict[str, int]:
    """Random but reproducible events through the services only; returns what happened."""
    skills = [SkillFactory(name=name) for name in ("Python", "Writing", "Research")]
    students = [
        make_student(
            office,
            f"Student {i}",
            scopes=SCOPE_SETS[i % len(SCOPE_SETS)],
            programme=PROGRAMMES[i % len(PROGRAMMES)],
            class_year=2026 + i % 3 if i % 5 else None,
        )
        for i in range(14)
    ]
    mentors = [UserFactory() for _ in range(3)]
    happened: dict[str, int] = {}
    now = START
    for step in range(steps):
        now += timedelta(days=rng.choice([0, 1, 3, 9]), hours=1)
        with time_machine.travel(now, tick=False):
            kind = _step(office, rng, students, mentors, skills, step)
        happened[kind] = happened.get(kind, 0) + 1
    return happened


def _step(office, rng, students, mentors, skills, step) -> str:
    student = rng.choice(students)
    roll = rng.random()
    engagements = list(Engagement.objects.filter(drafter=student))
    if roll < 0.3:
        mentor = rng.choice(mentors)
        task = TaskFactory(
            mentor=mentor,
            skills=rng.sample(skills, rng.randint(0, 2)),
            stipend_amount=rng.choice([0, 0, 15000]) or None,
            estimated_hours=rng.randint(2, 10),
        )
        application = application_create(
            task_id=task.pk, drafter=student, note="I can help", work_sample_link="https://x.io"
        )
        follow = rng.random()
        if follow < 0.6:
            engagement = application_accept(application_id=application.pk, mentor=mentor)
            if engagement.state == Engagement.State.AWAITING_FUNDING:
                engagement_activate_after_funding(engagement_id=engagement.pk)
            return "accepted"
        if follow < 0.8:
            application_decline(application_id=application.pk, mentor=mentor)
            return "declined"
        application_withdraw(application_id=application.pk, drafter=student)
        return "withdrawn"
    active = [e for e in engagements if e.state == Engagement.State.ACTIVE]
    delivered = [e for e in engagements if e.state == Engagement.State.DELIVERED]
    completed = [e for e in engagements if e.state == Engagement.State.COMPLETED]
    if roll < 0.45 and active:
        engagement_deliver(
            engagement_id=active[0].pk, drafter=student, link="https://example.com/work"
        )
        return "delivered"
    if roll < 0.6 and delivered:
        engagement = delivered[0]
        if rng.random() < 0.85:
            engagement_approve(engagement_id=engagement.pk, mentor=engagement.mentor)
            return "approved"
        engagement_cancel(engagement_id=engagement.pk, user=student, reason="Exams")
        return "cancelled"
    if roll < 0.72 and completed:
        engagement = rng.choice(completed)
        author = rng.choice([student, engagement.mentor])
        if engagement.report_backs.filter(author=author).exists():
            return "nothing"
        outcomes = rng.sample(["introduction", "referral", "repeat_work", "job_offer"], 2)
        report_back_create(engagement_id=engagement.pk, author=author, outcomes=outcomes)
        if (
            author != student
            and not Feedback.objects.filter(engagement=engagement, author=author).exists()
        ):
            feedback_submit(
                engagement_id=engagement.pk,
                author=author,
                rating=5,
                competencies={"communication": rng.randint(3, 5)},
            )
        return "reported"
    if roll < 0.8:
        membership_details_set(
            user=student,
            institution_slug=office.institution.slug,
            programme=rng.choice(PROGRAMMES),
            class_year=rng.choice([None, 2026, 2027]),
        )
        return "cohort"
    if roll < 0.9:
        _grant(student, office, rng.choice(SCOPE_SETS))
        return "consent changed"
    consent = Consent.objects.filter(student=student, revoked_at__isnull=True).first()
    if consent is None:
        _grant(student, office, rng.choice(SCOPE_SETS))
        return "consent given again"
    consent_revoke(student=student, consent_id=consent.pk)
    return "revoked"


def test_incremental_cells_equal_a_rebuild_after_many_events(office, other_office):
    happened = _play(office, random.Random(19), steps=160)
    # The sequence really exercised the lifecycle, consent and cohorts.
    for kind in ("accepted", "delivered", "approved", "reported", "cohort", "revoked"):
        assert happened.get(kind, 0) > 0, happened
    assert SummaryCell.objects.filter(grain="term").values("period").distinct().count() >= 3
    incremental = _cells()
    changed_at = dict(CareersStudent.objects.values_list("pk", "changed_at"))
    assert incremental, "the services kept no cells"

    call_command("careers_rebuild_summary")

    assert _cells() == incremental
    # A rebuild changes nothing an office can see: no student looks changed.
    assert dict(CareersStudent.objects.values_list("pk", "changed_at")) == changed_at


def test_the_report_reads_cells_only_in_a_fixed_number_of_queries(
    office, django_assert_max_num_queries
):
    _play(office, random.Random(5), steps=60)
    client = office.key_client()
    client.get("/api/v1/careers/reports/summary/")  # warm the key's session caches
    for group_by in ("term", "major", "class_year", "skill", "month"):
        with django_assert_max_num_queries(12):
            response = client.get(f"/api/v1/careers/reports/summary/?group_by={group_by}")
        assert response.status_code == 200


def test_report_totals_match_the_students_own_rows(office):
    _play(office, random.Random(3), steps=80)
    report = office.key_client().get("/api/v1/careers/reports/summary/").json()
    sharing = Consent.objects.filter(revoked_at__isnull=True, participation=True).values(
        "student_id"
    )
    engagements = Engagement.objects.filter(drafter__in=sharing)
    students = engagements.values("drafter_id").distinct().count()
    if students >= 5:
        assert report["totals"]["students"] == students
        assert report["totals"]["engagements"] == engagements.count()
        assert report["totals"]["completed"] == engagements.filter(state="completed").count()
        assert report["totals"]["funnel"]["applied"] == (
            Application.objects.filter(drafter__in=sharing).values("drafter_id").distinct().count()
        )
    else:
        assert report["totals"]["suppressed"] is True


def test_a_rebuild_from_nothing_makes_the_same_cells(office):
    _play(office, random.Random(11), steps=50)
    before = _cells()
    SummaryCell.objects.all().delete()
    CareersStudent.objects.update(contribution=[])
    careers_summary_rebuild()
    assert _cells() == before
