"""/api/v1/me/disclosures/, me/featured-tasks/ and me/staff-invitations/accept/: mounted beside
the other me/ routes, outside careers/ (the person is not, or not yet, the office's staff)."""

from django.urls import path

from projects.careers.api import access_requests, colleagues, me, my_invitations

urlpatterns = [
    path("me/disclosures/", me.MyDisclosuresView.as_view(), name="me-disclosures"),
    path("me/disclosures/days/", me.MyDisclosureDaysView.as_view(), name="me-disclosure-days"),
    path(
        "me/memberships/<id:membership_id>/office-people/",
        me.MyOfficePeopleView.as_view(),
        name="me-membership-office-people",
    ),
    path("me/featured-tasks/", me.MyFeaturedTasksView.as_view(), name="me-featured-tasks"),
    path(
        "me/staff-invitations/accept/",
        colleagues.StaffInvitationAcceptView.as_view(),
        name="me-staff-invitations-accept",
    ),
    path(
        "me/staff-invitations/",
        my_invitations.MyStaffInvitationListView.as_view(),
        name="me-staff-invitations",
    ),
    path(
        "me/staff-invitations/<id:invitation_id>/accept/",
        my_invitations.MyStaffInvitationAcceptView.as_view(),
        name="me-staff-invitations-accept-waiting",
    ),
    path(
        "me/staff-invitations/<id:invitation_id>/decline/",
        my_invitations.MyStaffInvitationDeclineView.as_view(),
        name="me-staff-invitations-decline",
    ),
    path(
        "me/staff-access-requests/",
        access_requests.StaffAccessRequestView.as_view(),
        name="me-staff-access-requests",
    ),
    path(
        "staff-invitations/<str:token>/",
        colleagues.StaffInvitationPreviewView.as_view(),
        name="staff-invitations-preview",
    ),
]
