from django.urls import path

from projects.api import account, applications, conversations, engagements, people, site, tasks

urlpatterns = [
    path("config/", site.SiteConfigView.as_view(), name="site-config"),
    path("me/delete/", account.MeDeleteView.as_view(), name="me-delete"),
    path("tasks/", tasks.TaskListView.as_view(), name="tasks"),
    path("tasks/<id:task_id>/", tasks.TaskDetailView.as_view(), name="task"),
    path("tasks/<id:task_id>/publish/", tasks.TaskPublishView.as_view(), name="task-publish"),
    path("tasks/<id:task_id>/close/", tasks.TaskCloseView.as_view(), name="task-close"),
    path("tasks/<id:task_id>/archive/", tasks.TaskArchiveView.as_view(), name="task-archive"),
    path("tasks/<id:task_id>/cancel/", tasks.TaskCancelView.as_view(), name="task-cancel"),
    path(
        "tasks/<id:task_id>/applications/",
        tasks.TaskApplicationsView.as_view(),
        name="task-applications",
    ),
    path("me/applications/", applications.MyApplicationsView.as_view(), name="my-applications"),
    path(
        "applications/<id:application_id>/",
        applications.ApplicationDetailView.as_view(),
        name="application",
    ),
    path(
        "applications/<id:application_id>/shortlist/",
        applications.ApplicationShortlistView.as_view(),
        name="application-shortlist",
    ),
    path(
        "applications/<id:application_id>/accept/",
        applications.ApplicationAcceptView.as_view(),
        name="application-accept",
    ),
    path(
        "applications/<id:application_id>/decline/",
        applications.ApplicationDeclineView.as_view(),
        name="application-decline",
    ),
    path(
        "applications/<id:application_id>/withdraw/",
        applications.ApplicationWithdrawView.as_view(),
        name="application-withdraw",
    ),
    path(
        "applications/<id:application_id>/messages/",
        conversations.ApplicationMessagesView.as_view(),
        name="application-messages",
    ),
    path("experience/<id:engagement_id>/", people.ExperienceView.as_view(), name="experience"),
    path("me/threads/", conversations.MyThreadsView.as_view(), name="my-threads"),
    path("me/engagements/", engagements.MyEngagementsView.as_view(), name="my-engagements"),
    path(
        "engagements/<id:engagement_id>/",
        engagements.EngagementDetailView.as_view(),
        name="engagement",
    ),
    path(
        "engagements/<id:engagement_id>/deliverables/",
        engagements.EngagementDeliverView.as_view(),
        name="engagement-deliverables",
    ),
    path(
        "engagements/<id:engagement_id>/approve/",
        engagements.EngagementApproveView.as_view(),
        name="engagement-approve",
    ),
    path(
        "engagements/<id:engagement_id>/request-revision/",
        engagements.EngagementRevisionView.as_view(),
        name="engagement-request-revision",
    ),
    path(
        "engagements/<id:engagement_id>/cancel/",
        engagements.EngagementCancelView.as_view(),
        name="engagement-cancel",
    ),
    path(
        "engagements/<id:engagement_id>/messages/",
        conversations.EngagementMessagesView.as_view(),
        name="engagement-messages",
    ),
    path(
        "engagements/<id:engagement_id>/feedback/",
        engagements.EngagementFeedbackView.as_view(),
        name="engagement-feedback",
    ),
    path(
        "engagements/<id:engagement_id>/thanks/",
        engagements.EngagementThanksView.as_view(),
        name="engagement-thanks",
    ),
    path(
        "applications/<id:application_id>/portfolio/<id:item_id>/file/",
        applications.ApplicationPortfolioFileView.as_view(),
        name="application-portfolio-file",
    ),
    path(
        "deliverables/<id:deliverable_id>/file/",
        engagements.DeliverableFileView.as_view(),
        name="deliverable-file",
    ),
    path("thanks/<id:thanks_id>/show/", engagements.ThanksShowView.as_view(), name="thanks-show"),
    path("introductions/", people.IntroductionCreateView.as_view(), name="introductions"),
    path(
        "introductions/<id:introduction_id>/accept/",
        people.IntroductionAcceptView.as_view(),
        name="introduction-accept",
    ),
    path(
        "introductions/<id:introduction_id>/decline/",
        people.IntroductionDeclineView.as_view(),
        name="introduction-decline",
    ),
    path("me/dashboard/", people.DashboardView.as_view(), name="dashboard"),
    path("me/recommendations/", people.RecommendationsView.as_view(), name="recommendations"),
    path(
        "profiles/<slug:handle>/experience/",
        people.ProfileExperienceView.as_view(),
        name="profile-experience",
    ),
]
