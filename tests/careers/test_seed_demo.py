"""`make run` shows a populated career-office dashboard: the demo office's staff sign in and
see numbers (not suppressed cells, the funnel's outcome step included), and the student who
never shared is not among them."""

import pytest

from accounts.models import User
from projects.management.demo_career_office import CAREERS_SLUG, CAREERS_STAFF_EMAIL

pytestmark = pytest.mark.django_db


def test_the_demo_career_office_has_a_populated_dashboard(demo_seeded, client):
    client.force_login(User.objects.get(email=CAREERS_STAFF_EMAIL))
    summary = client.get("/api/v1/careers/reports/summary/?group_by=major").json()
    assert summary["totals"]["students"] == 12  # 7 + the CS cohort of demo_cohorts
    assert summary["totals"]["completed"] >= 5
    assert summary["top_skills"]
    # Enough students share outcomes (5 or more) that the funnel's last step is shown.
    assert summary["totals"]["funnel"]["outcome"] == 4
    assert summary["totals"]["outcomes"]["job_offer"] == 1
    names = {s["name"] for s in client.get("/api/v1/careers/students/").json()["results"]}
    assert len(names) == 12 and "Private Person" not in names
    assert client.get("/careers/").status_code == 200


def test_the_demo_office_can_try_a_cohort_and_a_second_term(demo_seeded, client):
    """Computer Science has 5 or more sharing students, so filtering by it shows its figures
    (not the hidden notice), and the Term filter has an earlier term than the current one."""
    client.force_login(User.objects.get(email=CAREERS_STAFF_EMAIL))
    cohort = client.get("/api/v1/careers/reports/summary/?major=Computer+Science").json()
    assert not cohort["totals"]["suppressed"]
    assert cohort["totals"]["students"] >= 5 and cohort["totals"]["completed"] >= 3
    by_major = client.get("/api/v1/careers/reports/summary/?group_by=major").json()
    shown = {g["key"] for g in by_major["groups"] if not g.get("suppressed")}
    assert "Computer Science" in shown
    by_term = client.get("/api/v1/careers/reports/summary/?group_by=term").json()
    terms = [g["key"] for g in by_term["groups"]]
    assert len(terms) >= 2
    earlier = next(t for t in terms if t != terms[0])
    in_term = client.get(f"/api/v1/careers/reports/summary/?term={earlier}").json()
    assert not in_term["totals"]["suppressed"] and in_term["totals"]["engagements"] >= 5


def test_the_public_sample_shows_a_programme_with_figures(demo_seeded, client):
    page = client.get("/for-career-offices/").content.decode()
    assert "Computer Science 8 taking part" in page


def test_no_demo_task_promises_credit_to_the_reader(demo_seeded):
    """Staff read a task's gains as "Students gain: …" and students as "You also gain: …": the
    demo's words suit both ("credited to you" read as the office, "to the student" as a
    stranger)."""
    from projects.models import Task

    assert not Task.objects.filter(what_you_gain__icontains="credited to you").exists()
    assert not Task.objects.filter(what_you_gain__icontains="credited to the student").exists()
    assert Task.objects.filter(what_you_gain__icontains="credited by name").exists()


def _riverbend_cells() -> list[tuple]:
    from projects.careers.models import SummaryCell

    return sorted(
        SummaryCell.objects.filter(institution__slug=CAREERS_SLUG).values_list(
            "grain", "period", "programme", "class_year", "skill", "engagements", "completed"
        )
    )


def test_every_demo_date_lies_in_the_term_the_office_counts_it_in(demo_seeded):
    """A career officer saw every engagement "Started" today while the summary counted some of
    them in Spring: each engagement's dates now fall in its counted term, Spring ones in
    March-May and Fall ones in September-November, none in the future."""
    from django.utils import timezone

    from projects.careers.models import CareersStudent
    from projects.careers.summary_terms import term_of
    from projects.models import Engagement, Feedback, ReportBack

    now = timezone.now()
    engagements = Engagement.objects.filter(drafter__email__endswith="@riverbend.edu")
    assert engagements.count() >= 20
    counted = set()
    for engagement in engagements:
        term = term_of(engagement.created_at.date())
        counted.add(term)
        stamps = [engagement.created_at, engagement.started_at, engagement.completed_at]
        stamps += [f.created_at for f in Feedback.objects.filter(engagement=engagement)]
        stamps += [r.created_at for r in ReportBack.objects.filter(engagement=engagement)]
        for stamp in filter(None, stamps):
            assert stamp <= now
            assert term_of(stamp.date()) == term
            assert stamp.month in (3, 4, 5, 9, 10, 11)
    assert len(counted) == 2
    rows = CareersStudent.objects.filter(institution__slug=CAREERS_SLUG)
    assert rows.count() >= 12 and all(row.changed_at <= now for row in rows)


def test_the_demo_terms_are_the_last_two_wholly_past():
    from datetime import date

    from projects.management.demo_dates import demo_terms

    assert demo_terms(today=date(2026, 12, 7)) == (date(2026, 9, 1), date(2026, 3, 1))
    assert demo_terms(today=date(2026, 11, 15)) == (date(2026, 3, 1), date(2025, 9, 1))
    assert demo_terms(today=date(2027, 1, 2)) == (date(2026, 9, 1), date(2026, 3, 1))


def test_the_demo_summary_equals_a_rebuild(demo_seeded):
    from projects.careers.services.summary import careers_summary_rebuild

    before = _riverbend_cells()
    careers_summary_rebuild()
    assert _riverbend_cells() == before
