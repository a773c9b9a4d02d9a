"""The skill catalogue and each person's skills."""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from accounts import error_codes
from accounts.locks import user_lock
from accounts.models import Skill, User, UserSkill
from accounts.skill_keys import (
    skill_base_slug,
    skill_clean_name,
    skill_search_key,
    skill_spelling_key,
)
from marketplace.errors import DomainError, NotFound
from marketplace.events import student_activity_changed

MAX_SKILLS_PER_USER = 50


def skills_get_known(*, skill_ids: Iterable[int], field: str) -> list[Skill]:
    """The catalogue's skills with these ids, or a 404 naming `field` and the unknown ids."""
    skill_ids = list(dict.fromkeys(skill_ids))
    skills = list(Skill.objects.filter(pk__in=skill_ids))
    if missing := sorted(set(skill_ids) - {skill.pk for skill in skills}):
        raise NotFound(
            "Some skills are not in the catalogue.",
            code=error_codes.SKILL_UNKNOWN,
            fields={field: [f"Unknown skill ids: {', '.join(map(str, missing))}."]},
        )
    return skills


def skill_propose(*, user: User, name: str, category: str = "") -> tuple[Skill, bool]:
    """Return the catalogue's skill with this name, creating it if no normalised twin exists:
    the same search key, the same spelling key ("visualization" for "visualisation") or an
    alias ("JS" for JavaScript) all return the existing skill.

    The second value says whether it was created.
    """
    name = skill_clean_name(name)
    key = skill_search_key(name)
    if not key:
        raise DomainError(
            "A skill name needs letters or digits.",
            code=error_codes.INVALID,
            fields={"name": ["Use letters or digits in a skill name."]},
        )
    spelling = skill_spelling_key(name)
    existing = (
        Skill.objects.filter(search_key=key).first()
        or Skill.objects.filter(spelling_key=spelling).order_by("pk").first()
        or Skill.objects.filter(aliases__key=spelling).first()
    )
    if existing:
        return existing, False
    base = skill_base_slug(name)
    for n in range(1, 100):
        slug = base if n == 1 else f"{base}-{n}"
        try:
            with transaction.atomic():
                skill = Skill.objects.create(
                    name=name,
                    slug=slug,
                    category=category,
                    search_key=key,
                    spelling_key=spelling,
                    proposed_by=user,
                )
            return skill, True
        except IntegrityError:
            twin = Skill.objects.filter(search_key=key).first()
            if twin:  # someone proposed the same skill a moment ago
                return twin, False
    raise RuntimeError("no free skill slug")


def user_skills_set(*, user: User, items: list[dict[str, Any]]) -> list[UserSkill]:
    """Replace the person's skills with `items` ([{"skill_id", "level"}]); levels may change."""
    if len(items) > MAX_SKILLS_PER_USER:
        raise DomainError(
            f"You can list at most {MAX_SKILLS_PER_USER} skills.",
            code=error_codes.SKILL_LIMIT,
            fields={"skills": [f"At most {MAX_SKILLS_PER_USER} skills."]},
        )
    wanted = {item["skill_id"]: item["level"] for item in items}
    skills_get_known(skill_ids=wanted, field="skills")
    with transaction.atomic():
        user_lock(user)
        current = {us.skill_id: us for us in UserSkill.objects.filter(user=user)}
        UserSkill.objects.filter(user=user).exclude(skill_id__in=wanted).delete()
        changed = []
        for skill_id, level in wanted.items():
            if skill_id in current and current[skill_id].level != level:
                current[skill_id].level = level
                changed.append(current[skill_id])
        UserSkill.objects.bulk_update(changed, ["level"])
        UserSkill.objects.bulk_create(
            [
                UserSkill(user=user, skill_id=skill_id, level=level)
                for skill_id, level in wanted.items()
                if skill_id not in current
            ]
        )
        student_activity_changed(user_ids=[user.pk], what="profile")
    return list(UserSkill.objects.filter(user=user).select_related("skill").order_by("skill__name"))
