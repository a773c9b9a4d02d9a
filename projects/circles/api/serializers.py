"""Circle inputs (shapes only; the rules live in projects/circles/services) and outputs."""

from django.core.validators import RegexValidator
from rest_framework import serializers

from marketplace.api.fields import ObjectIdField
from marketplace.api.inputs import NOT_BLANK, InputSerializer
from marketplace.api.limits import page_form
from projects.api.serializers import PersonSerializer
from projects.circles.models import FAMILY_CHOICES, Circle

# --- inputs -------------------------------------------------------------------------------------


def _text(max_length: int, help_text: str, *, required: bool = True) -> serializers.CharField:
    validators = [] if not required else [RegexValidator(NOT_BLANK, "This field may not be blank.")]
    return serializers.CharField(
        max_length=max_length,
        required=required,
        allow_blank=not required,
        help_text=help_text,
        validators=validators,
    )


class CircleQuerySerializer(InputSerializer):
    skill = serializers.ChoiceField(
        choices=FAMILY_CHOICES, required=False, help_text="Only circles of this skill family."
    )
    suggested = serializers.BooleanField(
        required=False, default=False, help_text="Only circles around your skills' families."
    )


@page_form("circle")
class CircleCreateInputSerializer(InputSerializer):
    name = _text(80, "What the circle is called.")
    skill_family = serializers.ChoiceField(choices=FAMILY_CHOICES)
    description = _text(300, "Who it is for and how it works.", required=False)
    institution_slug = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=80,
        help_text="Keep it within one institution you belong to (its slug); blank: open to all.",
    )


@page_form("critique_request")
class CritiqueRequestInputSerializer(InputSerializer):
    portfolio_item_id = ObjectIdField(help_text="One of your own portfolio items.")
    question = _text(500, "What you would like feedback on.")


@page_form("critique")
class CritiqueInputSerializer(InputSerializer):
    what_works = _text(600, "What works in the piece.")
    one_change = _text(600, "The one thing you would change.")
    resource = _text(300, "One resource (a link, a book, a technique) that would help.")


@page_form("critique_report")
class CritiqueReportInputSerializer(InputSerializer):
    reason = _text(500, "What is wrong with this critique (site staff read it).")


# --- outputs ------------------------------------------------------------------------------------


class CircleCardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    skill_family = serializers.CharField()
    skill_family_label = serializers.CharField()
    institution = serializers.CharField(allow_null=True)
    state = serializers.ChoiceField(choices=Circle.State.choices)
    member_count = serializers.IntegerField()
    host = PersonSerializer()
    suggested = serializers.BooleanField()
    viewer_role = serializers.ChoiceField(choices=["host", "member", "drafter", "visitor"])
    allowed_actions = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField()


class CircleMemberSerializer(PersonSerializer):
    is_host = serializers.BooleanField()
    critiques_given = serializers.IntegerField()
    joined_at = serializers.DateTimeField()


class RequestItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    link = serializers.CharField()


class CritiqueOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = PersonSerializer()
    what_works = serializers.CharField()
    one_change = serializers.CharField()
    resource = serializers.CharField()
    helpful = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    allowed_actions = serializers.ListField(child=serializers.CharField())


class CritiqueRequestOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    asker = PersonSerializer()
    portfolio_item = RequestItemSerializer()
    created_at = serializers.DateTimeField()
    allowed_actions = serializers.ListField(child=serializers.CharField())
    critiques = CritiqueOutputSerializer(many=True)


class CircleDetailSerializer(CircleCardSerializer):
    credits = serializers.IntegerField(help_text="Your critique credits.")
    members = CircleMemberSerializer(many=True)
    requests = CritiqueRequestOutputSerializer(many=True)


class CritiqueReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    critique_id = serializers.IntegerField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class CircleHostingSerializer(serializers.Serializer):
    eligible = serializers.BooleanField(help_text="I may host a circle now.")
    verified_drafts = serializers.IntegerField(help_text="My verified drafts so far.")
    # A declared field, popped from the class by DRF's metaclass; mypy sees Field.required.
    required = serializers.IntegerField(help_text="Verified drafts hosting takes.")  # type: ignore[assignment]


class CircleAlertSerializer(serializers.Serializer):
    skill_family = serializers.ChoiceField(choices=FAMILY_CHOICES)
    skill_family_label = serializers.CharField()
    from_your_skills = serializers.BooleanField(
        help_text="The family of one of the skills on your profile."
    )
    waiting = serializers.BooleanField(
        help_text="You asked to hear when a circle of this family opens, and have not yet."
    )
    notified_at = serializers.DateTimeField(
        allow_null=True, help_text="When you were told a circle of this family opened."
    )
