"""Reads of the skill catalogue and of each person's skills."""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, When

from accounts.models import Skill, SkillAlias, User, UserSkill
from accounts.skill_keys import skill_search_key, skill_spelling_key


def skill_search(*, query: str, limit: int = 20) -> list[Skill]:
    """Autocomplete: names starting with the query first, then names containing it, then skills
    whose other spelling ("visualization") or alias ("JS") starts with it."""
    key = skill_search_key(query)
    skills = Skill.objects.all()
    if key:
        spelling = skill_spelling_key(query)
        alias = SkillAlias.objects.filter(skill_id=OuterRef("pk"), key__startswith=spelling)
        skills = skills.filter(
            Q(search_key__contains=key) | Q(spelling_key__contains=spelling) | Exists(alias)
        ).annotate(
            rank=Case(
                When(search_key__startswith=key, then=0),
                When(search_key__contains=key, then=1),
                default=2,
                output_field=IntegerField(),
            )
        )
        skills = skills.order_by("rank", "name")
    else:
        skills = skills.order_by("name")
    return list(skills[:limit])


def user_skills_for_user(*, user: User) -> list[UserSkill]:
    return list(UserSkill.objects.filter(user=user).select_related("skill").order_by("skill__name"))
