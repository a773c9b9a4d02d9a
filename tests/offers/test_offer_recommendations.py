"""Mentors a drafter could offer to: only open ones with places left, ranked by the drafter's
skills, each reason true of both sides, in a fixed number of queries."""

import pytest

from accounts.models import UserSkill
from projects.offers.models import Offer
from projects.offers.selectors.recommendations import mentor_recommendations_for_drafter
from projects.offers.services.settings import offer_settings_update
from tests.factories import SkillFactory, UserFactory, UserSkillFactory

pytestmark = pytest.mark.django_db


def _open_mentor(name: str, topics: list[str], **settings):
    mentor = UserFactory(finish__display_name=name)
    offer_settings_update(
        mentor=mentor,
        data={"is_open": True, **settings},
        topic_ids=[SkillFactory(name=topic).pk for topic in topics],
    )
    return mentor


def _drafter(**skills: str):
    drafter = UserFactory()
    for name, level in skills.items():
        UserSkillFactory(user=drafter, skill=SkillFactory(name=name), level=level)
    return drafter


def test_mentors_welcoming_the_drafters_skills_come_first_with_a_true_reason():
    python_mentor = _open_mentor("Py Mentor", ["Python", "pandas"])
    _open_mentor("Design Mentor", ["Illustration"])
    sql_mentor = _open_mentor("SQL Mentor", ["SQL"])
    drafter = _drafter(Python="working", pandas="expert", SQL="learning")

    rows = mentor_recommendations_for_drafter(drafter=drafter)

    assert [row["mentor_id"] for row in rows] == [python_mentor.pk, sql_mentor.pk]
    assert rows[0]["reasons"] == ["Welcomes offers on your skills: Python, pandas"]
    assert rows[1]["reasons"] == ["Welcomes offers on what you are learning: SQL"]
    assert "email" not in rows[0]


def test_closed_full_own_and_already_offered_mentors_are_left_out():
    closed = _open_mentor("Closed", ["Python"])
    offer_settings_update(mentor=closed, data={"is_open": False})
    full = _open_mentor("Full", ["Python"], monthly_cap=1)
    waiting = _open_mentor("Waiting", ["Python"])
    drafter = _drafter(Python="working")
    offer_settings_update(
        mentor=drafter, data={"is_open": True}, topic_ids=[SkillFactory(name="Python").pk]
    )
    someone = UserFactory()
    for mentor, sender, state in [
        (full, someone, Offer.State.ACCEPTED),
        (waiting, drafter, Offer.State.PENDING),
    ]:
        Offer.objects.create(
            mentor=mentor, drafter=sender, title="Earlier", what="Earlier offer.",
            estimated_hours=2, by_when="2099-01-01", state=state,
        )  # fmt: skip
    open_one = _open_mentor("Open", ["Python"])

    rows = mentor_recommendations_for_drafter(drafter=drafter)

    assert [row["mentor_id"] for row in rows] == [open_one.pk]


def test_a_drafter_with_no_skills_yet_gets_no_mentor_recommendations():
    _open_mentor("Py Mentor", ["Python"])

    assert mentor_recommendations_for_drafter(drafter=UserFactory()) == []


def test_mentor_recommendations_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(12):
        _open_mentor(f"Mentor {n}", ["Python", f"Topic {n}"])
    drafter = _drafter(Python=UserSkill.Level.WORKING)

    with django_assert_max_num_queries(14):
        rows = mentor_recommendations_for_drafter(drafter=drafter, limit=10)

    assert len(rows) == 10
