"""Input serializers validate; output serializers shape. Neither writes (services do).

One module per concept; every serializer is re-exported here, so `from accounts.api.serializers
import X` and `accounts.api.serializers.X` keep working.
"""

from accounts.api.serializers.common import (
    PageQuerySerializer,
    avatar_url,
    avatar_url_for,
    page_of,
)
from accounts.api.serializers.institutions import (
    ConsentGrantInputSerializer,
    ConsentOutputSerializer,
    ConsentScopeSerializer,
    ConsentTermsSerializer,
    MembershipDetailsInputSerializer,
    MembershipOutputSerializer,
    StaffAddInputSerializer,
)
from accounts.api.serializers.portfolio import (
    PortfolioFileSerializer,
    PortfolioItemInputSerializer,
    PortfolioItemOutputSerializer,
    PortfolioReorderInputSerializer,
)
from accounts.api.serializers.profiles import (
    AccountDeleteInputSerializer,
    AvatarInputSerializer,
    CompletenessSerializer,
    MeInputSerializer,
    MeOutputSerializer,
    NextStepSerializer,
    PublicProfileSerializer,
)
from accounts.api.serializers.skills import (
    SkillProposeInputSerializer,
    SkillQuerySerializer,
    SkillSerializer,
    UserSkillInputSerializer,
    UserSkillSerializer,
    UserSkillsInputSerializer,
)

__all__ = [
    "AccountDeleteInputSerializer",
    "AvatarInputSerializer",
    "CompletenessSerializer",
    "ConsentGrantInputSerializer",
    "ConsentOutputSerializer",
    "ConsentScopeSerializer",
    "ConsentTermsSerializer",
    "MeInputSerializer",
    "MeOutputSerializer",
    "MembershipDetailsInputSerializer",
    "MembershipOutputSerializer",
    "NextStepSerializer",
    "PageQuerySerializer",
    "PortfolioFileSerializer",
    "PortfolioItemInputSerializer",
    "PortfolioItemOutputSerializer",
    "PortfolioReorderInputSerializer",
    "PublicProfileSerializer",
    "SkillProposeInputSerializer",
    "SkillQuerySerializer",
    "SkillSerializer",
    "StaffAddInputSerializer",
    "UserSkillInputSerializer",
    "UserSkillSerializer",
    "UserSkillsInputSerializer",
    "avatar_url",
    "avatar_url_for",
    "page_of",
]
