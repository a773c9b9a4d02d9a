"""The careers API, mounted at /api/v1/careers/ (every view here is a CareersView), and the
student's own view of the disclosure log (me_urls.py)."""

from django.urls import path

from projects.careers.api import (
    access_requests,
    colleagues,
    engagements,
    featured,
    office,
    office_log,
    reports,
    students,
)

urlpatterns = [
    path("students/", students.StudentListView.as_view(), name="careers-students"),
    path("students.csv", students.StudentCsvView.as_view(), name="careers-students-csv"),
    path(
        "students/<str:student_id>/participation/",
        students.StudentParticipationView.as_view(),
        name="careers-participation",
    ),
    path("engagements/", engagements.EngagementListView.as_view(), name="careers-engagements"),
    path("reports/summary/", reports.ReportSummaryView.as_view(), name="careers-summary"),
    path("reports/summary.csv", reports.ReportSummaryCsvView.as_view(), name="careers-summary-csv"),
    path(
        "reports/first-destination.csv",
        reports.FirstDestinationCsvView.as_view(),
        name="careers-first-destination-csv",
    ),
    path("reports/filters/", reports.ReportFiltersView.as_view(), name="careers-filters"),
    path("featured-tasks/", featured.FeaturedTaskListView.as_view(), name="careers-featured"),
    path(
        "featured-tasks/<id:featured_id>/",
        featured.FeaturedTaskDetailView.as_view(),
        name="careers-featured-detail",
    ),
    path("institution/", office.InstitutionView.as_view(), name="careers-institution"),
    path("institution/staff/", office.StaffView.as_view(), name="careers-staff"),
    path(
        "institution/staff/<id:membership_id>/",
        colleagues.ColleagueDetailView.as_view(),
        name="careers-staff-detail",
    ),
    path("invitations/", colleagues.StaffInvitationListView.as_view(), name="careers-invitations"),
    path(
        "invitations/<id:invitation_id>/",
        colleagues.StaffInvitationDetailView.as_view(),
        name="careers-invitation-detail",
    ),
    path(
        "access-requests/",
        access_requests.AccessRequestListView.as_view(),
        name="careers-access-requests",
    ),
    path(
        "access-requests/<id:request_id>/",
        access_requests.AccessRequestDetailView.as_view(),
        name="careers-access-request-detail",
    ),
    path("roster/", colleagues.RosterView.as_view(), name="careers-roster"),
    path("keys/", office.ApiKeyListView.as_view(), name="careers-keys"),
    path("keys/<id:key_id>/", office.ApiKeyDetailView.as_view(), name="careers-key-detail"),
    path("disclosures/", office.DisclosureListView.as_view(), name="careers-disclosures"),
    path(
        "disclosures/days/", office_log.DisclosureDaysView.as_view(), name="careers-disclosure-days"
    ),
    path("disclosures.csv", office.DisclosureCsvView.as_view(), name="careers-disclosures-csv"),
]
