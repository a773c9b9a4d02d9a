"""Who people are on Slipstream, and the evidence of what they can do.

One module per concept; everything is re-exported here, so `from accounts.models import X`
(and the migrations' `accounts.models.UserManager` / `portfolio_file_path`) keep working.
"""

from accounts.models.institutions import (
    Consent,
    Institution,
    InstitutionApiKey,
    InstitutionMembership,
)
from accounts.models.invitations import RosterInvitation, StaffInvitation
from accounts.models.notifications import Notification, NotificationPreference
from accounts.models.people import HandleRedirect, Profile, User, UserManager
from accounts.models.portfolio import PortfolioItem, portfolio_file_path
from accounts.models.skills import Skill, SkillAlias, UserSkill

__all__ = [
    "Consent",
    "HandleRedirect",
    "Institution",
    "InstitutionApiKey",
    "InstitutionMembership",
    "Notification",
    "NotificationPreference",
    "PortfolioItem",
    "Profile",
    "RosterInvitation",
    "Skill",
    "SkillAlias",
    "StaffInvitation",
    "User",
    "UserManager",
    "UserSkill",
    "portfolio_file_path",
]
