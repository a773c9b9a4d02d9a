"""Candidate rows' skills, read from the JSON text the candidate statement builds per task
(candidates.py): each distinct text parsed once in the process."""

from collections.abc import Mapping
from typing import Any

import orjson
from django.db import connection

from projects.matching.scoring import SkillRef


def task_skill_refs_from_rows(
    *, rows: Mapping[int, Mapping[str, Any]]
) -> dict[int, list[SkillRef]]:
    """task_skill_refs for candidate rows, read from their `skills_json` column, in name
    order."""
    return {task_id: list(_skill_list(row["skills_json"]).skills) for task_id, row in rows.items()}


def task_skill_words_from_rows(*, rows: Mapping[int, Mapping[str, Any]]) -> dict[int, str]:
    """Each candidate row's skill names, lowercased and joined by spaces in name order (what
    task_features_from_rows adds to a task's text), read from its `skills_json` column."""
    return {task_id: _skill_list(row["skills_json"]).words for task_id, row in rows.items()}


class _SkillList:
    """One skills JSON text parsed: its skills in name order and their names as text words."""

    __slots__ = ("skills", "words")

    def __init__(self, text: str) -> None:
        skills = [SkillRef(*values) for values in orjson.loads(text)]
        if connection.vendor != "postgresql":
            skills.sort(key=_skill_name)
        self.skills = tuple(skills)
        self.words = " ".join(skill.name.lower() for skill in skills)


def _skill_list(text: str) -> _SkillList:
    if (known := _SKILL_LISTS.get(text)) is None:
        if len(_SKILL_LISTS) >= _SKILL_LISTS_LIMIT:
            _SKILL_LISTS.clear()
        known = _SKILL_LISTS[text] = _SkillList(text)
    return known


# Each distinct skills JSON text parsed once in the process: the text is the whole key (every
# column of every skill), so a renamed skill is a new text, never a stale list.
_SKILL_LISTS: dict[str, _SkillList] = {}
_SKILL_LISTS_LIMIT = 20_000  # distinct skill lists of a few hundred bytes, then forgotten


def _skill_name(skill: SkillRef) -> str:
    return skill.name
