"""Input serializers, and the documented shape of every careers response, by concept
(students, reports, office, disclosures).

The views return the selectors' dicts as they are (fast lists); these serializers describe
them in the OpenAPI schema, with a description and an example on every field, so an office's
developer can integrate from the docs alone. Golden-JSON tests pin that the two agree.
"""

from projects.careers.api.serializers.disclosures import DisclosedBySerializer, DisclosureSerializer
from projects.careers.api.serializers.office import (
    ApiKeyInputSerializer,
    ApiKeySerializer,
    ColleagueSerializer,
    FeaturedTaskInputSerializer,
    FeaturedTaskSerializer,
    InstitutionSerializer,
    IssuedApiKeySerializer,
    StaffInviteInputSerializer,
)
from projects.careers.api.serializers.reports import (
    FunnelSerializer,
    ReportCellSerializer,
    ReportFiltersSerializer,
    ReportGroupSerializer,
    ReportInputSerializer,
    ReportOutcomesSerializer,
    ReportSerializer,
    TopSkillSerializer,
)
from projects.careers.api.serializers.students import (
    ApplicationSerializer,
    ConsentInfoSerializer,
    CountsSerializer,
    DatedOutcomeSerializer,
    EngagementSerializer,
    OutcomeCountsSerializer,
    ParticipationSerializer,
    StipendSerializer,
    StudentOutcomeSerializer,
    StudentSerializer,
    TaskRefSerializer,
)

__all__ = [
    "ApiKeyInputSerializer",
    "ApiKeySerializer",
    "ApplicationSerializer",
    "ColleagueSerializer",
    "ConsentInfoSerializer",
    "CountsSerializer",
    "DatedOutcomeSerializer",
    "DisclosedBySerializer",
    "DisclosureSerializer",
    "EngagementSerializer",
    "FeaturedTaskInputSerializer",
    "FeaturedTaskSerializer",
    "FunnelSerializer",
    "InstitutionSerializer",
    "IssuedApiKeySerializer",
    "OutcomeCountsSerializer",
    "ParticipationSerializer",
    "ReportCellSerializer",
    "ReportFiltersSerializer",
    "ReportGroupSerializer",
    "ReportInputSerializer",
    "ReportOutcomesSerializer",
    "ReportSerializer",
    "StaffInviteInputSerializer",
    "StipendSerializer",
    "StudentOutcomeSerializer",
    "StudentSerializer",
    "TaskRefSerializer",
    "TopSkillSerializer",
]
