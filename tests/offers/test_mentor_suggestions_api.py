"""GET /api/v1/me/mentor-suggestions/: the mentors a signed-in drafter could offer to, as the
public cards of /mentors/ with the reasons each fits, never an e-mail address."""

import pytest
from rest_framework.test import APIClient

from projects.offers.services.settings import offer_settings_update
from tests.factories import SkillFactory, UserFactory, UserSkillFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/mentor-suggestions/"


def _open_mentor(name: str, topics: list[str]):
    mentor = UserFactory(finish__display_name=name)
    offer_settings_update(
        mentor=mentor,
        data={"is_open": True},
        topic_ids=[SkillFactory(name=topic).pk for topic in topics],
    )
    return mentor


def _drafter_with(**skills: str):
    drafter = UserFactory()
    for name, level in skills.items():
        UserSkillFactory(user=drafter, skill=SkillFactory(name=name), level=level)
    return drafter


def test_a_drafter_sees_the_mentor_welcoming_their_skill_as_a_public_card_with_its_reason(
    client_for,
):
    python_mentor = _open_mentor("Pia Python", ["Python"])
    _open_mentor("Dee Design", ["Illustration"])
    drafter = _drafter_with(Python="working")

    response = client_for(drafter).get(URL)

    assert response.status_code == 200
    [card] = response.json()
    assert card["handle"] == python_mentor.profile.handle
    assert card["display_name"] == "Pia Python"
    assert card["reasons"] == ["Welcomes offers on your skills: Python"]
    assert [topic["name"] for topic in card["topics"]] == ["Python"]
    assert card["offers_left_this_month"] == 3
    assert python_mentor.email not in response.content.decode()
    assert "email" not in card


def test_a_person_with_no_skills_gets_an_empty_list(client_for):
    _open_mentor("Pia Python", ["Python"])

    response = client_for(UserFactory()).get(URL)

    assert response.status_code == 200
    assert response.json() == []


def test_suggestions_need_a_signed_in_person():
    response = APIClient().get(URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"]


def test_at_most_five_suggestions_in_a_fixed_number_of_queries(
    client_for, django_assert_max_num_queries
):
    for n in range(9):
        _open_mentor(f"Mentor {n}", ["Python", f"Topic {n}"])
    client = client_for(_drafter_with(Python="expert"))

    with django_assert_max_num_queries(11):
        response = client.get(URL)

    assert len(response.json()) == 5
