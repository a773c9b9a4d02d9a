"""Recommendations are written out as their JSON without a serializer pass: the JSON must stay
what RecommendationOutput (which documents it in the schema) gives for the same rows, for paid
and unpaid tasks, remote and on-site, and stretch tasks."""

import datetime
import json

import time_machine

from marketplace.api.renderers import JSONRenderer
from projects.api.matching import RecommendationOutput
from projects.matching.recommendations import task_recommendations_for_user
from tests.factories import SkillFactory, TaskFactory, UserFactory
from tests.matching.conftest import LEARNING, WORKING


@time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False)
def test_recommendations_json_is_the_serializers_json_over_the_same_rows(client_for, make_drafter):
    # Given a drafter with a working and a learning skill, and paid and unpaid tasks
    drafter = make_drafter({"Python": WORKING, "Figma": LEARNING}, weekly_hours=6, bio="pandas")
    python, figma = SkillFactory(name="Python"), SkillFactory(name="Figma")
    mentor = UserFactory(finish__display_name="Ana Mentor")
    TaskFactory(mentor=mentor, skills=[python], stipend_amount=15_000, title="Paid pandas work")
    TaskFactory(mentor=UserFactory(), skills=[figma], level="beginner_friendly")
    TaskFactory(mentor=mentor, skills=[python, figma], is_remote=False, location="Leeds")

    # When the drafter asks for recommendations
    body = client_for(drafter).get("/api/v1/me/recommendations/").json()

    # Then the JSON is the serializer's over the recommendation rows, field for field
    rows = task_recommendations_for_user(user=drafter)
    assert len(body) == 3
    assert any(card["stipend_after_fee"] for card in body)
    assert any(card["stretch"] for card in body)
    assert body == json.loads(JSONRenderer().render(RecommendationOutput(rows, many=True).data))
