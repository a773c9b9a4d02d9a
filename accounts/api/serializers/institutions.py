"""A person's side of institutions: memberships, cohort details, staff, and consents."""

from rest_framework import serializers

from accounts import consent_terms
from accounts.models import Consent
from marketplace.api.fields import EmailAddressField
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form


class MembershipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    institution_slug = serializers.CharField(source="institution.slug")
    institution_name = serializers.CharField(source="institution.name")
    role = serializers.CharField()
    email = serializers.CharField()
    programme = serializers.CharField(
        help_text="Students: programme or major, as you gave it (empty if not given)."
    )
    class_year = serializers.IntegerField(
        allow_null=True, help_text="Students: class year (year of graduation), if given."
    )
    created_at = serializers.DateTimeField()


class ConsentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    institution_slug = serializers.CharField(source="institution.slug")
    institution_name = serializers.CharField(source="institution.name")
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=Consent.Scope.choices))
    purpose = serializers.CharField()
    version = serializers.CharField()
    granted_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    is_active = serializers.BooleanField()


class ConsentScopeSerializer(serializers.Serializer):
    key = serializers.CharField()
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    label = serializers.CharField()  # type: ignore[assignment]
    explanation = serializers.CharField()


class ConsentTermsSerializer(serializers.Serializer):
    version = serializers.CharField()
    purpose = serializers.CharField()
    scopes = ConsentScopeSerializer(many=True)

    @staticmethod
    def current() -> dict:
        return {
            "version": consent_terms.VERSION,
            "purpose": consent_terms.PURPOSE,
            "scopes": [
                {"key": key, "label": label, "explanation": explanation}
                for key, (label, explanation) in consent_terms.SCOPES.items()
            ],
        }


@page_form("membership")
class MembershipDetailsInputSerializer(InputSerializer):
    """A student's cohort at one institution; both optional, an empty value clears it."""

    programme = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=160,
        help_text="Programme or major, e.g. Economics (empty to clear).",
    )
    class_year = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1950,
        max_value=2100,
        help_text="Class year: the year you graduate, e.g. 2027 (null to clear).",
    )


class StaffAddInputSerializer(InputSerializer):
    email = EmailAddressField()


class ConsentGrantInputSerializer(InputSerializer):
    institution = serializers.SlugField(max_length=80)
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=Consent.Scope.choices), min_length=1, max_length=4
    )
    # Only the current wording can be agreed to; the schema names it.
    version = serializers.ChoiceField(choices=[consent_terms.VERSION])
