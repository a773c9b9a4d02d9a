from django.urls import path

from accounts import views as file_views
from accounts.api import email_addresses, institutions, notifications, sso, views

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    # me/delete/ is projects.api.account.MeDeleteView: closing an account ends its tasks,
    # applications and engagements first, which accounts cannot see.
    path("me/email/", email_addresses.MyEmailView.as_view(), name="me-email"),
    path("me/email/resend/", email_addresses.MyEmailResendView.as_view(), name="me-email-resend"),
    path("me/avatar/", views.AvatarView.as_view(), name="me-avatar"),
    path("me/skills/", views.MySkillsView.as_view(), name="me-skills"),
    path("me/portfolio/", views.PortfolioListView.as_view(), name="portfolio-list"),
    path("me/portfolio/reorder/", views.PortfolioReorderView.as_view(), name="portfolio-reorder"),
    path(
        "me/portfolio/<id:item_id>/", views.PortfolioDetailView.as_view(), name="portfolio-detail"
    ),
    path("me/memberships/", views.MembershipListView.as_view(), name="membership-list"),
    path(
        "me/memberships/<id:membership_id>/",
        views.MembershipDetailView.as_view(),
        name="membership-detail",
    ),
    path("me/consents/", views.ConsentListView.as_view(), name="consent-list"),
    path("me/consents/<id:consent_id>/", views.ConsentDetailView.as_view(), name="consent-detail"),
    path(
        "me/notifications/",
        notifications.NotificationListView.as_view(),
        name="notifications",
    ),
    path(
        "me/notifications/read/",
        notifications.NotificationReadView.as_view(),
        name="notifications-read",
    ),
    path("consent-terms/", views.ConsentTermsView.as_view(), name="consent-terms"),
    path("skills/", views.SkillListView.as_view(), name="skill-list"),
    path("profiles/<slug:handle>/", views.PublicProfileView.as_view(), name="profile-detail"),
    path("profiles/<slug:handle>/avatar/", file_views.profile_avatar, name="profile-avatar"),
    path("portfolio/<id:item_id>/file/", file_views.portfolio_file, name="portfolio-file"),
    path("institutions/", institutions.StaffInstitutionsView.as_view(), name="institution-list"),
    path(
        "institutions/domain-check/",
        institutions.InstitutionDomainCheckView.as_view(),
        name="institution-domain-check",
    ),
    path(
        "institutions/<slug:slug>/staff/",
        views.InstitutionStaffView.as_view(),
        name="institution-staff",
    ),
    path("institutions/<slug:slug>/sso/", sso.InstitutionSsoView.as_view(), name="institution-sso"),
]
