"""Recommendations: open tasks matching the skills in my portfolio, with reasons."""

import pytest

from tests.factories import (
    ApplicationFactory,
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def test_tasks_matching_my_portfolio_skills_come_with_reasons(client_for, drafter):
    python, figma = (
        SkillFactory(name="Python", slug="python"),
        SkillFactory(name="Figma", slug="figma"),
    )
    item = PortfolioItemFactory(owner=drafter)
    item.skills.add(python)
    TaskFactory(title="Fix a scraper", skills=[python], stipend_amount=10_000, what_you_gain="")
    TaskFactory(title="Draw icons", skills=[figma])
    applied = TaskFactory(title="Already applied", skills=[python])
    ApplicationFactory(task=applied, drafter=drafter)
    TaskFactory(title="My own", skills=[python], mentor=drafter)
    TaskFactory(title="Closed one", skills=[python], state="closed")

    body = client_for(drafter).get("/api/v1/me/recommendations/").json()

    assert [row["title"] for row in body] == ["Fix a scraper"]
    # Python is shown in the portfolio, not listed on the profile: said as shown, not as "yours".
    assert body[0]["reasons"] == [
        "Your portfolio shows Python",
        "New on Slipstream",
        "Comes with a stipend",
    ]


def test_without_skills_the_newest_tasks_are_suggested(client_for, drafter):
    TaskFactory(title="Older")
    TaskFactory(title="Newer")
    body = client_for(drafter).get("/api/v1/me/recommendations/").json()
    assert [row["title"] for row in body] == ["Newer", "Older"]
    assert body[0]["reasons"] == ["New on Slipstream"]
