"""Reads of the skill catalogue and of each person's skills."""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, When

from accounts.models import Skill, SkillAlias, User, UserSkill
from accounts.skill_keys import skill_search_key, skill_spelling_key

# Below this length a match inside a word is noise ("ux" in "Linux", "r" in every word), so it
# is never offered; from it on, only when no name or alias starts with the query.
INFIX_MIN_LENGTH = 3


def _word_start(field: str, key: str) -> Q:
    """`field` has a word starting with `key` (keys are words joined by single spaces)."""
    return Q(**{f"{field}__startswith": key}) | Q(**{f"{field}__contains": f" {key}"})


def _ranked(skills: QuerySet[Skill], *, key: str, spelling: str) -> QuerySet[Skill]:
    return skills.annotate(
        rank=Case(
            When(Q(search_key=key) | Q(spelling_key=spelling), then=0),
            When(Q(search_key__startswith=key) | Q(spelling_key__startswith=spelling), then=1),
            When(_word_start("search_key", key) | _word_start("spelling_key", spelling), then=2),
            default=3,
            output_field=IntegerField(),
        )
    ).order_by("rank", "name")


def skill_search(*, query: str, limit: int = 20) -> list[Skill]:
    """Autocomplete, best first: the exact name, names starting with the query, names with a
    word starting with it ("UX" finds "Product UX"), then skills whose alias starts with it
    ("JS"). A match inside a word ("ux" in "Linux") is offered only when nothing else matches,
    and never for a query shorter than three letters."""
    key = skill_search_key(query)
    if not key:
        return list(Skill.objects.order_by("name")[:limit])
    spelling = skill_spelling_key(query)
    alias = SkillAlias.objects.filter(skill_id=OuterRef("pk"), key__startswith=spelling)
    words = _word_start("search_key", key) | _word_start("spelling_key", spelling)
    found = list(
        _ranked(Skill.objects.filter(words | Exists(alias)), key=key, spelling=spelling)[:limit]
    )
    if found or len(key) < INFIX_MIN_LENGTH:
        return found
    inside = Q(search_key__contains=key) | Q(spelling_key__contains=spelling)
    return list(Skill.objects.filter(inside).order_by("name")[:limit])


def user_skills_for_user(*, user: User) -> list[UserSkill]:
    return list(UserSkill.objects.filter(user=user).select_related("skill").order_by("skill__name"))
