"""The skill catalogue and the skills a person claims: outputs and inputs."""

from django.core.validators import RegexValidator
from rest_framework import serializers

from accounts.models import UserSkill
from marketplace.api.fields import ObjectIdField
from marketplace.api.inputs import InputSerializer, UniqueListField
from marketplace.errors import Conflict


class SkillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    category = serializers.CharField()


class UserSkillSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="skill.id")
    name = serializers.CharField(source="skill.name")
    slug = serializers.CharField(source="skill.slug")
    category = serializers.CharField(source="skill.category")
    level = serializers.ChoiceField(choices=UserSkill.Level.choices)


class SkillQuerySerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=80, default="")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=20)


class SkillProposeInputSerializer(InputSerializer):
    # A name the catalogue can key (accounts/skill_keys.py): a Latin letter, a digit, + or #.
    name = serializers.CharField(
        max_length=80,
        validators=[
            RegexValidator(
                r"[A-Za-z0-9+#]",
                message="Use letters or digits in a skill name.",
                code="skill_name_invalid",
            )
        ],
    )
    category = serializers.ChoiceField(
        choices=[
            "software", "design", "data", "writing", "marketing", "research", "finance",
            "operations", "other",
        ],
        required=False,
        allow_blank=True,
        default="",
    )  # fmt: skip


class UserSkillInputSerializer(InputSerializer):
    skill_id = ObjectIdField()
    level = serializers.ChoiceField(choices=UserSkill.Level.choices)


class UserSkillsInputSerializer(InputSerializer):
    # The same entry twice is malformed (the schema says `uniqueItems`); one skill at two levels
    # is a contradiction no schema can state, answered 409 `skill_level_conflict`.
    skills = UniqueListField(
        child=UserSkillInputSerializer(),
        max_length=50,
        duplicate=("List each skill once.", "invalid"),
    )

    def validate_skills(self, value):
        ids = [item["skill_id"] for item in value]
        if len(ids) != len(set(ids)):
            raise Conflict(
                "Give each skill one level.",
                code="skill_level_conflict",
                fields={"skills": ["List each skill once, with one level."]},
            )
        return value
