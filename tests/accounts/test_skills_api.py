"""The skill catalogue: seeded, searchable regardless of case and accents, de-duplicated."""

from collections import Counter

import pytest
from rest_framework.test import APIClient

from accounts.models import Skill, UserSkill
from accounts.skill_catalogue import STARTER_SKILLS
from accounts.skill_keys import skill_search_key
from tests.factories import SkillFactory, UserSkillFactory

# The starter catalogue is what these tests search and suggest from.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_catalogue")]


def test_the_starter_catalogue_is_seeded_across_categories():
    assert Skill.objects.count() >= 300
    assert set(Skill.objects.values_list("category", flat=True)) >= {
        "software", "design", "data", "writing", "marketing", "research", "finance", "operations",
    }  # fmt: skip


def test_the_catalogue_module_has_no_normalised_duplicates():
    keys = Counter(skill_search_key(n) for names in STARTER_SKILLS.values() for n in names)
    assert [key for key, count in keys.items() if count > 1] == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Node.js", "node js"),
        ("  NODE-JS ", "node js"),
        ("Crème Brûlée", "creme brulee"),
        ("C++", "c++"),
        ("C#", "c#"),
    ],
)
def test_search_key_normalisation(name, key):
    assert skill_search_key(name) == key


def test_autocomplete_ignores_case_and_accents_and_ranks_prefixes_first():
    SkillFactory(name="Pâtisserie")
    SkillFactory(name="Learning analytics")
    client = APIClient()
    assert [s["name"] for s in client.get("/api/v1/skills/?q=PATISS").json()] == ["Pâtisserie"]
    names = [s["name"] for s in client.get("/api/v1/skills/?q=learning&limit=50").json()]
    assert names[0] == "Learning analytics"
    assert "Machine learning" in names[1:]


def test_proposing_returns_the_existing_skill_for_a_normalised_twin(auth_client):
    before = Skill.objects.count()
    response = auth_client.post("/api/v1/skills/", {"name": "node JS"})
    assert response.status_code == 200
    assert response.json()["name"] == "Node.js"
    assert Skill.objects.count() == before


def test_proposing_a_new_skill_creates_it_once(auth_client, user):
    created = auth_client.post(
        "/api/v1/skills/", {"name": "  Quantum   Knitting ", "category": "design"}
    )
    assert created.status_code == 201
    assert created.json()["name"] == "Quantum Knitting"
    again = auth_client.post("/api/v1/skills/", {"name": "quantum-knitting!"})
    assert again.status_code == 200
    assert again.json()["id"] == created.json()["id"]
    assert Skill.objects.get(pk=created.json()["id"]).proposed_by == user


def test_proposing_needs_letters_and_a_login(auth_client):
    response = auth_client.post("/api/v1/skills/", {"name": "!!!"})
    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]
    assert APIClient().post("/api/v1/skills/", {"name": "Welding"}).status_code in {401, 403}


def test_put_my_skills_replaces_the_set_with_levels(auth_client, user):
    python, sql, excel = (SkillFactory(name=n) for n in ("Python", "SQL", "Excel"))
    UserSkillFactory(user=user, skill=excel)
    response = auth_client.put(
        "/api/v1/me/skills/",
        {
            "skills": [
                {"skill_id": python.pk, "level": "expert"},
                {"skill_id": sql.pk, "level": "learning"},
            ]
        },
    )
    assert response.status_code == 200, response.content
    assert {(s["name"], s["level"]) for s in response.json()} == {
        ("Python", "expert"),
        ("SQL", "learning"),
    }
    assert auth_client.get("/api/v1/me/skills/").json() == response.json()


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ([{"skill_id": 999_999, "level": "expert"}], "skill_unknown"),
        ([{"skill_id": "PYTHON", "level": "expert"}], "invalid"),
        ([{"skill_id": 1, "level": "guru"}], "invalid"),
    ],
)
def test_bad_skill_lists_change_nothing(auth_client, user, items, code):
    UserSkillFactory(user=user, skill=SkillFactory(name="Excel"))
    response = auth_client.put("/api/v1/me/skills/", {"skills": items})
    # A well-formed list naming a skill that is not in the catalogue: 404, like a path would.
    assert response.status_code == (404 if code == "skill_unknown" else 400)
    assert response.json()["error"]["code"] == code
    assert "skills" in response.json()["error"]["fields"]
    assert list(UserSkill.objects.filter(user=user).values_list("skill__name", flat=True)) == [
        "Excel"
    ]


def test_the_same_skill_twice_is_refused(auth_client):
    python = SkillFactory(name="Python")
    response = auth_client.put(
        "/api/v1/me/skills/",
        {"skills": [{"skill_id": python.pk, "level": "expert"}] * 2},
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["skills"] == ["List each skill once."]


def test_the_same_skill_twice_with_an_ignored_key_is_a_conflict_not_a_malformed_list(auth_client):
    # The schema's `uniqueItems` compares entries as sent, and these two differ (an unknown key,
    # which the server ignores), so the list is well-formed; naming one skill twice is the 409.
    python = SkillFactory(name="Python")
    entry = {"skill_id": python.pk, "level": "expert"}
    response = auth_client.put(
        "/api/v1/me/skills/", {"skills": [entry, {**entry, "note": "again"}]}
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "skill_level_conflict"


def test_one_skill_at_two_levels_is_a_conflict_and_changes_nothing(auth_client, user):
    python = SkillFactory(name="Python")
    response = auth_client.put(
        "/api/v1/me/skills/",
        {
            "skills": [
                {"skill_id": python.pk, "level": "expert"},
                {"skill_id": python.pk, "level": "learning"},
            ]
        },
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "skill_level_conflict"
    assert not UserSkill.objects.filter(user=user).exists()
