from django.urls import path

from projects.api import views

urlpatterns = [
    path("tasks/", views.TaskListView.as_view(), name="tasks"),
    path("tasks/<id:task_id>/", views.TaskDetailView.as_view(), name="task"),
    path("tasks/<id:task_id>/publish/", views.TaskPublishView.as_view(), name="task-publish"),
    path("tasks/<id:task_id>/close/", views.TaskCloseView.as_view(), name="task-close"),
    path("tasks/<id:task_id>/archive/", views.TaskArchiveView.as_view(), name="task-archive"),
    path("tasks/<id:task_id>/cancel/", views.TaskCancelView.as_view(), name="task-cancel"),
    path(
        "tasks/<id:task_id>/applications/",
        views.TaskApplicationsView.as_view(),
        name="task-applications",
    ),
    path("me/applications/", views.MyApplicationsView.as_view(), name="my-applications"),
    path(
        "applications/<id:application_id>/",
        views.ApplicationDetailView.as_view(),
        name="application",
    ),
    path(
        "applications/<id:application_id>/shortlist/",
        views.ApplicationShortlistView.as_view(),
        name="application-shortlist",
    ),
    path(
        "applications/<id:application_id>/accept/",
        views.ApplicationAcceptView.as_view(),
        name="application-accept",
    ),
    path(
        "applications/<id:application_id>/decline/",
        views.ApplicationDeclineView.as_view(),
        name="application-decline",
    ),
    path(
        "applications/<id:application_id>/withdraw/",
        views.ApplicationWithdrawView.as_view(),
        name="application-withdraw",
    ),
    path(
        "applications/<id:application_id>/messages/",
        views.ApplicationMessagesView.as_view(),
        name="application-messages",
    ),
    path("me/engagements/", views.MyEngagementsView.as_view(), name="my-engagements"),
    path(
        "engagements/<id:engagement_id>/",
        views.EngagementDetailView.as_view(),
        name="engagement",
    ),
    path(
        "engagements/<id:engagement_id>/deliverables/",
        views.EngagementDeliverView.as_view(),
        name="engagement-deliverables",
    ),
    path(
        "engagements/<id:engagement_id>/approve/",
        views.EngagementApproveView.as_view(),
        name="engagement-approve",
    ),
    path(
        "engagements/<id:engagement_id>/request-revision/",
        views.EngagementRevisionView.as_view(),
        name="engagement-request-revision",
    ),
    path(
        "engagements/<id:engagement_id>/cancel/",
        views.EngagementCancelView.as_view(),
        name="engagement-cancel",
    ),
    path(
        "engagements/<id:engagement_id>/messages/",
        views.EngagementMessagesView.as_view(),
        name="engagement-messages",
    ),
    path(
        "engagements/<id:engagement_id>/feedback/",
        views.EngagementFeedbackView.as_view(),
        name="engagement-feedback",
    ),
    path(
        "engagements/<id:engagement_id>/thanks/",
        views.EngagementThanksView.as_view(),
        name="engagement-thanks",
    ),
    path(
        "applications/<id:application_id>/portfolio/<id:item_id>/file/",
        views.ApplicationPortfolioFileView.as_view(),
        name="application-portfolio-file",
    ),
    path(
        "deliverables/<id:deliverable_id>/file/",
        views.DeliverableFileView.as_view(),
        name="deliverable-file",
    ),
    path("thanks/<id:thanks_id>/show/", views.ThanksShowView.as_view(), name="thanks-show"),
    path("introductions/", views.IntroductionCreateView.as_view(), name="introductions"),
    path(
        "introductions/<id:introduction_id>/accept/",
        views.IntroductionAcceptView.as_view(),
        name="introduction-accept",
    ),
    path(
        "introductions/<id:introduction_id>/decline/",
        views.IntroductionDeclineView.as_view(),
        name="introduction-decline",
    ),
    path("me/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("me/recommendations/", views.RecommendationsView.as_view(), name="recommendations"),
    path("me/notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("me/notifications/read/", views.NotificationReadView.as_view(), name="notifications-read"),
    path(
        "profiles/<slug:handle>/experience/",
        views.ProfileExperienceView.as_view(),
        name="profile-experience",
    ),
]
