"""Bounded work for recommendations, and a catalogue without near-duplicates."""

import pytest

from accounts.models import Skill
from accounts.services.skills import skill_propose
from accounts.skill_catalogue import STARTER_SKILLS
from accounts.skill_keys import skill_spelling_key
from tests.factories import PortfolioItemFactory, SkillFactory, TaskFactory, UserFactory
from tests.matching.conftest import WORKING

pytestmark = pytest.mark.django_db

RECOMMENDATION_QUERIES = (
    # pinned: the same for 3 tasks and for 60 (the drafter's evidence is one statement, the
    # candidate pools, their cards and career offices' features another; one is the mentors'
    # response rates on a cold cache)
    7
)


@pytest.mark.parametrize("tasks", [3, 60])
def test_recommendations_answer_in_a_bounded_number_of_queries(
    client_for, make_drafter, django_assert_num_queries, tasks
):
    drafter = make_drafter({"Python": WORKING, "SQL": WORKING}, weekly_hours=8, bio="pandas")
    PortfolioItemFactory(owner=drafter, description="pandas scraping").skills.add(
        SkillFactory(name="Python")
    )
    skills = [SkillFactory(name=name) for name in ("Python", "SQL", "Figma", "pandas")]
    mentors = [UserFactory() for _ in range(3)]
    for n in range(tasks):
        TaskFactory(skills=skills[n % 4 : n % 4 + 2], mentor=mentors[n % 3])
    client = client_for(drafter)

    with django_assert_num_queries(RECOMMENDATION_QUERIES):
        body = client.get("/api/v1/me/recommendations/").json()

    assert body


def test_the_starter_catalogue_has_no_spelling_twins():
    names = [name for names in STARTER_SKILLS.values() for name in names]
    assert len({skill_spelling_key(name) for name in names}) == len(names)


@pytest.mark.parametrize(
    ("typed", "existing"),
    [
        ("Data visualization", "Data visualisation"),
        ("financial modeling", "Financial modelling"),
        ("JS", "JavaScript"),
        ("User research", "UX research"),
        ("Postgres", "PostgreSQL"),
    ],
)
def test_proposing_a_spelling_variant_or_alias_returns_the_existing_skill(typed, existing):
    before = Skill.objects.count()
    skill, created = skill_propose(user=UserFactory(), name=typed)
    assert (skill.name, created) == (existing, False)
    assert Skill.objects.count() == before


def test_autocomplete_finds_a_skill_by_its_other_spelling_and_alias(client_for):
    client = client_for(UserFactory())
    by_spelling = client.get("/api/v1/skills/", {"q": "visualiz"}).json()
    by_alias = client.get("/api/v1/skills/", {"q": "k8s"}).json()
    assert "Data visualisation" in [skill["name"] for skill in by_spelling]
    assert [skill["name"] for skill in by_alias] == ["Kubernetes"]
