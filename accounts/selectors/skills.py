"""Reads of the skill catalogue and of each person's skills."""

from django.db.models import Case, IntegerField, When

from accounts.models import Skill, User, UserSkill
from accounts.skill_keys import skill_search_key


def skill_search(*, query: str, limit: int = 20) -> list[Skill]:
    """Autocomplete: names starting with the query first, then names containing it."""
    key = skill_search_key(query)
    skills = Skill.objects.all()
    if key:
        skills = skills.filter(search_key__contains=key).annotate(
            rank=Case(
                When(search_key__startswith=key, then=0),
                default=1,
                output_field=IntegerField(),
            )
        )
        skills = skills.order_by("rank", "name")
    else:
        skills = skills.order_by("name")
    return list(skills[:limit])


def user_skills_for_user(*, user: User) -> list[UserSkill]:
    return list(UserSkill.objects.filter(user=user).select_related("skill").order_by("skill__name"))
