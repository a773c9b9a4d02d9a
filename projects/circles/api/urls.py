from django.urls import path

from projects.circles.api import views

urlpatterns = [
    path("circles/", views.CircleListView.as_view(), name="circles"),
    path("circles/hosting/", views.CircleHostingView.as_view(), name="circles-hosting"),
    path("circles/alerts/", views.CircleAlertListView.as_view(), name="circle-alerts"),
    path(
        "circles/alerts/<slug:skill_family>/",
        views.CircleAlertView.as_view(),
        name="circle-alert",
    ),
    path("circles/<id:circle_id>/", views.CircleDetailView.as_view(), name="circle"),
    path("circles/<id:circle_id>/join/", views.CircleJoinView.as_view(), name="circle-join"),
    path("circles/<id:circle_id>/leave/", views.CircleLeaveView.as_view(), name="circle-leave"),
    path("circles/<id:circle_id>/close/", views.CircleCloseView.as_view(), name="circle-close"),
    path(
        "circles/<id:circle_id>/members/<slug:handle>/remove/",
        views.CircleMemberRemoveView.as_view(),
        name="circle-member-remove",
    ),
    path(
        "circles/<id:circle_id>/requests/",
        views.CircleRequestsView.as_view(),
        name="circle-requests",
    ),
    path(
        "critique-requests/<id:request_id>/critiques/",
        views.CritiqueCreateView.as_view(),
        name="critique-create",
    ),
    path(
        "critiques/<id:critique_id>/helpful/",
        views.CritiqueHelpfulView.as_view(),
        name="critique-helpful",
    ),
    path(
        "critiques/<id:critique_id>/report/",
        views.CritiqueReportView.as_view(),
        name="critique-report",
    ),
]
