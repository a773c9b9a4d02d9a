from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from frontend import views

# No app_name: marketplace/urls.py mounts these after the server-filled pages of accounts and
# projects in one "frontend" namespace.
urlpatterns = [
    path("", views.HomePage.as_view(), name="home"),
    # Browsers ask /favicon.ico of pages with no <link rel=icon> (the JSON API, a CSV): the
    # one icon base.html links (resolved per request: the static manifest may not exist yet).
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("frontend/favicon.svg"), permanent=True),
    ),
    path("welcome/", views.WelcomePage.as_view(), name="welcome"),
    path("settings/", views.SettingsPage.as_view(), name="settings"),
    path("settings/portfolio/", views.PortfolioSettingsPage.as_view(), name="settings-portfolio"),
    path(
        "settings/institutions/",
        views.InstitutionsSettingsPage.as_view(),
        name="settings-institutions",
    ),
    # /u/<handle>/ and /tasks/<id>/ are answered by accounts.pages and projects.pages (mounted
    # first: their <head> needs server data); these entries keep the names templates reverse.
    path("u/<slug:handle>/", views.PublicProfilePage.as_view(), name="profile"),
    path("settings/payouts/", views.PayoutSettingsPage.as_view(), name="payout-settings"),
    path("ledger/", views.LedgerPage.as_view(), name="ledger"),
    path("tasks/", views.TaskBrowsePage.as_view(), name="tasks"),
    path("tasks/new/", views.TaskEditorPage.as_view(), name="task-new"),
    path("tasks/<id:task_id>/", views.TaskPage.as_view(), name="task"),
    path("tasks/<id:task_id>/edit/", views.TaskEditorPage.as_view(), name="task-edit"),
    path("for-you/", views.ForYouPage.as_view(), name="for-you"),
    path("invitations/", views.InvitationsPage.as_view(), name="invitations"),
    path("saved-searches/", views.SavedSearchesPage.as_view(), name="saved-searches"),
    path(
        "settings/notifications/",
        views.NotificationSettingsPage.as_view(),
        name="notification-settings",
    ),
    path(
        "engagements/<id:engagement_id>/report-back/",
        views.ReportBackPage.as_view(),
        name="report-back",
    ),
    path("unsubscribe/<str:token>/", views.UnsubscribePage.as_view(), name="unsubscribe"),
    path("applications/<id:application_id>/", views.ApplicationPage.as_view(), name="application"),
    path("engagements/<id:engagement_id>/", views.EngagementPage.as_view(), name="engagement"),
    path("notifications/", views.NotificationsPage.as_view(), name="notifications"),
    path("messages/", views.MessagesPage.as_view(), name="messages"),
    path("careers/", views.CareersPage.as_view(), name="careers"),
    path("verify/", views.VerifyPage.as_view(), name="verify"),
    path("mentors/", views.MentorsPage.as_view(), name="mentors"),
    path("mentors/<slug:handle>/offer/", views.OfferFormPage.as_view(), name="offer-new"),
    path("offers/", views.OffersPage.as_view(), name="offers"),
    path("offers/<id:offer_id>/", views.OfferPage.as_view(), name="offer"),
    path(
        "careers/students/<str:student_id>/",
        views.CareersStudentPage.as_view(),
        name="careers-student",
    ),
    path("careers/join/<str:token>/", views.CareersJoinPage.as_view(), name="careers-join"),
    path("careers/settings/", views.CareersSettingsPage.as_view(), name="careers-settings"),
    path("circles/", views.CirclesPage.as_view(), name="circles"),
    path("circles/<id:circle_id>/", views.CirclePage.as_view(), name="circle"),
    path("impact/", views.ImpactPage.as_view(), name="impact"),
]
