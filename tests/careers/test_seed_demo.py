"""`make run` shows a populated career-office dashboard: the demo office's staff sign in and
see numbers (not suppressed cells, the funnel's outcome step included), and the student who
never shared is not among them."""

import pytest

from accounts.models import User
from projects.management.demo_career_office import CAREERS_STAFF_EMAIL

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
