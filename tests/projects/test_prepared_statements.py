"""The dashboard and recommendations run statements built once (projects/prepared.py) with
each request's values: whoever asks first, every person gets their own rows, and a change of
the limits the statements were built with is honoured."""

import pytest

from projects.matching import weights as w
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_person_sees_their_own_dashboard_whoever_asked_first(client_for):
    # Given two people, each with a task of their own and an application elsewhere
    first, second = UserFactory(), UserFactory()
    TaskFactory(mentor=first, title="First's task")
    TaskFactory(mentor=second, title="Second's task")
    ApplicationFactory(drafter=first, task=TaskFactory(title="Applied by first"))

    # When both open their dashboard, one after the other
    mine = client_for(first).get("/api/v1/me/dashboard/").json()
    theirs = client_for(second).get("/api/v1/me/dashboard/").json()

    # Then each sees their own sections only
    assert [t["title"] for t in mine["mentor"]["tasks"]] == ["First's task"]
    assert [a["task"]["title"] for a in mine["drafter"]["applications"]] == ["Applied by first"]
    assert [t["title"] for t in theirs["mentor"]["tasks"]] == ["Second's task"]
    assert theirs["drafter"]["applications"] == []


def test_recommendations_follow_a_changed_candidate_limit(client_for, monkeypatch):
    # Given a newcomer with nothing in their profile (they are shown the newest tasks)
    newcomer = UserFactory()
    for n in range(3):
        TaskFactory(title=f"Open task {n}")
    assert len(client_for(newcomer).get("/api/v1/me/recommendations/").json()) == 3

    # When the newest pool is cut to one task
    monkeypatch.setattr(w, "CANDIDATES_NEWEST", 1)

    # Then the statement built with the old limit is not reused
    assert len(client_for(newcomer).get("/api/v1/me/recommendations/").json()) == 1
