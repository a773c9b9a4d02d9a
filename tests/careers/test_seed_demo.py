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
    assert summary["totals"]["students"] == 7
    assert summary["totals"]["completed"] >= 5
    assert summary["top_skills"]
    # Enough students share outcomes (5 or more) that the funnel's last step is shown.
    assert summary["totals"]["funnel"]["outcome"] == 4
    assert summary["totals"]["outcomes"]["job_offer"] == 1
    names = {s["name"] for s in client.get("/api/v1/careers/students/").json()["results"]}
    assert len(names) == 7 and "Private Person" not in names
    assert client.get("/careers/").status_code == 200
