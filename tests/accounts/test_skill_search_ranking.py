"""Skill autocomplete ranks what the person means first, on the real curated catalogue (seeded
by migration): the exact name, then names with a word starting with the query, then aliases; a
match inside a word ("ux" in "Linux") only as a last resort, and never for short queries."""

import pytest
from rest_framework.test import APIClient

# The starter catalogue is what these tests search and suggest from.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_catalogue")]


def _names(q: str) -> list[str]:
    return [s["name"] for s in APIClient().get("/api/v1/skills/", {"q": q, "limit": 50}).json()]


def test_ux_finds_ux_skills_and_never_linux():
    names = _names("UX")

    assert names[:2] == ["UX research", "UX writing"]
    assert "Linux administration" not in names


def test_the_exact_name_comes_before_longer_names_starting_with_it():
    names = _names("go")

    assert names[0] == "Go"
    assert "Django" not in names  # "go" inside a word is noise for a two-letter query


def test_a_word_inside_the_name_comes_after_names_starting_with_the_query():
    names = _names("design")

    starting = [n for n in names if n.lower().startswith("design")]
    inner = names.index("Product design")
    assert starting and all(names.index(n) < inner for n in starting)


def test_an_alias_comes_after_the_names_that_match():
    names = _names("user")

    assert names.index("User interviews") < names.index("UX research")  # "User research" alias


def test_a_match_inside_a_word_is_offered_only_when_nothing_else_matches():
    assert _names("inux") == ["Linux administration"]


def test_a_short_query_never_matches_inside_a_word():
    assert "SQL" in _names("sql")
    assert _names("ql") == []
