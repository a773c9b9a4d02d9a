"""Names of the OpenAPI enums whose choices several fields share (drf-spectacular's
ENUM_NAME_OVERRIDES): one name per choice set, so the schema neither guesses nor warns. Plain
values only — settings import it before Django is set up."""

ENUM_NAME_OVERRIDES = {
    "TaskVisibilityEnum": "projects.models.Task.Visibility",
    "TaskLevelEnum": "projects.models.Task.Level",
    "SkillLevelEnum": "accounts.models.UserSkill.Level",
    "TaskActionEnum": "projects.api.serializers.TASK_ACTIONS",
    "ApplicationActionEnum": "projects.api.serializers.APPLICATION_ACTIONS",
    "EngagementActionEnum": "projects.api.serializers.ENGAGEMENT_ACTIONS",
    "PortfolioVisibilityEnum": "accounts.models.PortfolioItem.Visibility",
    "StipendStateEnum": "projects.stipends.models.Stipend.State",
    "PayoutStateEnum": "projects.stipends.models.Payout.State",
    "InstitutionStaffRoleEnum": "accounts.models.InstitutionMembership.StaffRole",
    "InstitutionStatusEnum": "accounts.models.Institution.Status",
    "StaffInvitationStateEnum": "accounts.models.StaffInvitation.State",
    "ThreadKindEnum": [
        ("application", "application"),
        ("engagement", "engagement"),
        ("offer", "offer"),
    ],
    "TaskViewerRoleEnum": [
        ("mentor", "mentor"),
        ("drafter", "drafter"),
        ("visitor", "visitor"),
    ],
    "ParticipantRoleEnum": [("mentor", "mentor"), ("drafter", "drafter")],
    "CircleStateEnum": "projects.circles.models.Circle.State",
    "CircleViewerRoleEnum": [
        ("host", "host"),
        ("member", "member"),
        ("drafter", "drafter"),
        ("visitor", "visitor"),
    ],
    # How an office read student data: the student's grouped log and the office's own.
    "DisclosureReadKindEnum": [
        ("dashboard", "dashboard"),
        ("student_page", "student_page"),
        ("export", "export"),
        ("system", "system"),
    ],
    "ShowableChoiceEnum": [
        ("full", "full"),
        ("case_study", "case_study"),
        ("after", "after"),
        ("private", "private"),
    ],
}
