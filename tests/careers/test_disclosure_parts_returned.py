"""A student's "who saw your data" names only the parts the office's reads returned about them:
the dashboard's engagements list carries a student's ratings only once a mentor has rated them,
so a dashboard view before that (or of a student never rated) does not say "ratings"."""

import pytest
import time_machine
from rest_framework.test import APIClient

from projects.models import Engagement, Feedback
from projects.services.feedback import feedback_submit
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/disclosures/days/"
SHARES_RATINGS = ["participation", "evaluations", "outcomes"]


def rated(engagement: Engagement) -> Feedback:
    """The mentor rates the drafter's work (the ratings the careers API returns)."""
    Engagement.objects.filter(pk=engagement.pk).update(state=Engagement.State.COMPLETED)
    return feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        competencies={"communication": 4, "teamwork": 5},
    )


def _dashboard_lists(office) -> None:
    client = office.staff_client()
    client.get("/api/v1/careers/students/")
    client.get("/api/v1/careers/engagements/")


def _lines(student) -> list[str]:
    client = APIClient()
    client.force_authenticate(student)
    return [line["description"] for line in client.get(URL).json()["results"]]


def test_a_dashboard_view_of_a_student_never_rated_does_not_say_ratings(office):
    noah = make_student(office, "Noah Kim", scopes=SHARES_RATINGS)
    EngagementFactory(drafter=noah)

    _dashboard_lists(office)

    (line,) = _lines(noah)
    assert line.endswith(
        "viewed your name, programme, class year, skills, participation and outcomes on the office "
        "dashboard"
    )
    assert "ratings" not in line


def test_once_rated_the_dashboard_view_names_the_ratings_it_returned(office):
    with time_machine.travel("2026-12-01 09:00Z", tick=False):
        noah = make_student(office, "Noah Kim", scopes=SHARES_RATINGS)
        engagement = EngagementFactory(drafter=noah)
    with time_machine.travel("2026-12-06 09:00Z", tick=False):
        _dashboard_lists(office)  # before any rating
    with time_machine.travel("2026-12-07 08:00Z", tick=False):
        rated(engagement)
    with time_machine.travel("2026-12-07 09:00Z", tick=False):
        _dashboard_lists(office)

    today, yesterday = _lines(noah)

    assert "ratings" in today
    assert "ratings" not in yesterday


def test_a_rated_student_who_does_not_share_ratings_is_never_told_they_were_read(office):
    noah = make_student(office, "Noah Kim", scopes=["participation", "outcomes"])
    rated(EngagementFactory(drafter=noah))

    _dashboard_lists(office)

    (line,) = _lines(noah)
    assert "ratings" not in line
