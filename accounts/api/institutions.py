"""GET/POST /api/v1/institutions/: a career-office member's institutions, and creating one
(it waits for site staff's approval); GET institutions/domain-check/: whether the domains may be
claimed, asked before creating (so the expected "verify first" is an answer, not a refusal)."""

from django.core.validators import RegexValidator
from django.http import QueryDict
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.fields import UploadField
from accounts.api.viewer import authenticated_user
from accounts.models import Institution, InstitutionMembership
from accounts.selectors.institution_domains import institution_domains_check
from accounts.selectors.institutions import staff_memberships_for
from accounts.services.institution_onboarding import LOGO_MAX_BYTES, institution_create
from accounts.uploads import IMAGE_KINDS
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form

# An e-mail domain with at least one dot (a leading "@" is dropped): "uni.edu", "@cs.uni.edu".
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_DOMAIN_PATTERN = rf"^@?{_LABEL}(?:\.{_LABEL})+$"


@page_form("institution")
class InstitutionCreateInput(InputSerializer):
    name = serializers.CharField(max_length=200)
    email_domains = serializers.ListField(
        child=serializers.CharField(
            max_length=120,
            validators=[
                RegexValidator(EMAIL_DOMAIN_PATTERN, message="Give an e-mail domain, like uni.edu.")
            ],
        ),
        min_length=1,
        max_length=10,
    )
    logo = UploadField(kinds=IMAGE_KINDS, max_bytes=LOGO_MAX_BYTES, required=False)


class StaffInstitutionOutput(serializers.Serializer):
    slug = serializers.CharField(source="institution.slug")
    name = serializers.CharField(source="institution.name")
    status = serializers.ChoiceField(
        choices=Institution.Status.choices, source="institution.status"
    )
    email_domains = serializers.ListField(
        child=serializers.CharField(), source="institution.email_domains"
    )
    viewer_role = serializers.ChoiceField(
        choices=InstitutionMembership.StaffRole.choices, source="staff_role"
    )


class StaffInstitutionsView(APIView):
    """Institutions where you are career-office staff (live or waiting), and creating one."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    pagination_class = None

    @extend_schema(responses=StaffInstitutionOutput(many=True))
    def get(self, request: Request) -> Response:
        rows = staff_memberships_for(user=authenticated_user(request))
        return Response(StaffInstitutionOutput(rows, many=True).data)

    @extend_schema(request=InstitutionCreateInput, responses={201: StaffInstitutionOutput})
    def post(self, request: Request) -> Response:
        data = request.data
        if isinstance(data, QueryDict):
            # A form post: domains may come as one comma-separated field.
            domains = [
                d for raw in data.getlist("email_domains") for d in raw.replace(",", " ").split()
            ]
            data = {**data.dict(), "email_domains": domains}
            if "logo" in request.FILES:
                data["logo"] = request.FILES["logo"]
        form = InstitutionCreateInput(data=data)
        form.is_valid(raise_exception=True)
        institution = institution_create(creator=authenticated_user(request), **form.validated_data)
        membership = staff_memberships_for(user=authenticated_user(request)).get(
            institution=institution
        )
        return Response(StaffInstitutionOutput(membership).data, status=status.HTTP_201_CREATED)


# What the domain check takes, whole: 1 to 10 domains separated by commas or spaces. The schema
# states this pattern, so a generated "valid" question is one the check answers (only plain
# spaces and commas separate: a regular expression's \s differs between engines).
_DOMAIN = rf"@?{_LABEL}(?:\.{_LABEL})+"
DOMAIN_LIST_PATTERN = rf"^[ ,]*{_DOMAIN}(?:[ ,]+{_DOMAIN}){{0,9}}[ ,]*$"


class DomainCheckQuery(InputSerializer):
    email_domains = serializers.RegexField(
        DOMAIN_LIST_PATTERN,
        max_length=1300,
        help_text="The domains to claim, 1 to 10, separated by commas or spaces "
        "(uni.edu, cs.uni.edu).",
        error_messages={
            "invalid": "Give 1 to 10 e-mail domains like uni.edu, separated by commas or spaces."
        },
    )

    def validate_email_domains(self, value: str) -> list[str]:
        return sorted({d.lower().lstrip("@") for d in value.replace(",", " ").split()})


class DomainCheckOutput(serializers.Serializer):
    email_domains = serializers.ListField(
        child=serializers.CharField(), help_text="The domains asked about, cleaned and sorted."
    )
    verified_by_you = serializers.BooleanField(
        help_text="Whether one of your verified addresses is on these domains (creating an "
        "institution needs one)."
    )
    already_claimed = serializers.ListField(
        child=serializers.CharField(),
        help_text="Those of the domains an institution on Slipstream already has.",
    )


class InstitutionDomainCheckView(APIView):
    """May the signed-in person create an institution on these domains? Always 200 for a
    well-formed question; POST institutions/ still refuses (403, 409) what this says no to."""

    permission_classes = [IsAuthenticated]
    pagination_class = None

    @extend_schema(parameters=[DomainCheckQuery], responses=DomainCheckOutput)
    def get(self, request: Request) -> Response:
        query = DomainCheckQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = institution_domains_check(
            user=authenticated_user(request), email_domains=query.validated_data["email_domains"]
        )
        return Response(DomainCheckOutput(result).data)
