"""The skill catalogue, its aliases, and the skills people claim."""

from typing import Any

from django.db import models


class Skill(models.Model):
    """The shared skill catalogue."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(max_length=40, blank=True, db_index=True)
    # Lowercase, accents stripped, punctuation and spaces collapsed (accounts.skill_keys): the
    # one key both autocomplete and de-duplication compare, so "Node.js" and "node js" are one.
    search_key = models.CharField(max_length=80, unique=True)
    # The matching key: the search key with British spellings folded into American ones
    # (skill_spelling_key), so "Data visualisation" and "Data visualization" share it; a row
    # named like another skill's alias takes that skill's key. Proposing one finds the other,
    # and matching treats rows that share it (older near-duplicates) as one skill.
    spelling_key = models.CharField(max_length=80, blank=True, db_index=True)
    # Skills close enough to give each other partial credit in matching (skill_families.py).
    family = models.CharField(max_length=40, blank=True, db_index=True)
    proposed_by = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            # Autocomplete is a prefix match (LIKE 'key%'); on PostgreSQL only a pattern-ops
            # index serves it under a non-C collation. Other databases ignore opclasses.
            models.Index(
                fields=["search_key"],
                name="skill_search_key_prefix",
                opclasses=["varchar_pattern_ops"],
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived data, not a business rule: rows made by factories or the admin stay searchable.
        if not self.search_key:
            from accounts.skill_keys import skill_search_key

            self.search_key = skill_search_key(self.name)
        if not self.spelling_key:
            from accounts.skill_keys import skill_spelling_key

            self.spelling_key = skill_spelling_key(self.name)
            # A row named like another skill's alias ("User research") matches as that skill.
            alias = SkillAlias.objects.filter(key=self.spelling_key).select_related("skill")
            if (twin := alias.first()) is not None:
                self.spelling_key = twin.skill.spelling_key
                self.family = self.family or twin.skill.family
                self.category = self.category or twin.skill.category
        super().save(*args, **kwargs)


class SkillAlias(models.Model):
    """Another name for a catalogue skill ("JS" for JavaScript): found by autocomplete, and
    proposing it returns the skill instead of creating a near-duplicate."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=80)
    # skill_spelling_key(name): unique, so one alias never points at two skills.
    key = models.CharField(max_length=80, unique=True)

    def __str__(self) -> str:
        return f"{self.name} → {self.skill_id}"


class UserSkill(models.Model):
    """A skill a person says they have, and how well."""

    class Level(models.TextChoices):
        LEARNING = "learning", "Learning"
        WORKING = "working", "Working knowledge"
        EXPERT = "expert", "Expert"

    user = models.ForeignKey("User", on_delete=models.CASCADE, related_name="user_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="user_skills")
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.WORKING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "skill"], name="userskill_once_per_user")
        ]
        # The unique constraint indexes (user, skill) for "my skills"; this one serves
        # "who has this skill" for matching.
        indexes = [models.Index(fields=["skill", "level"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.skill_id} ({self.level})"
