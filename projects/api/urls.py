from django.urls import path

from projects.api import (
    account,
    applications,
    conversations,
    engagements,
    impact,
    matching,
    people,
    relationships,
    showable,
    site,
    tasks,
)

urlpatterns = [
    path("config/", site.SiteConfigView.as_view(), name="site-config"),
    path("config/stipend-quote/", site.StipendQuoteView.as_view(), name="stipend-quote"),
    path("me/delete/", account.MeDeleteView.as_view(), name="me-delete"),
    path("me/impact/", impact.MyImpactView.as_view(), name="my-impact"),
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
    path("me/recommendations/", matching.RecommendationsView.as_view(), name="recommendations"),
    path(
        "tasks/<id:task_id>/recommended-drafters/",
        matching.RecommendedDraftersView.as_view(),
        name="task-recommended-drafters",
    ),
    path(
        "tasks/<id:task_id>/invitations/",
        matching.TaskInvitationsView.as_view(),
        name="task-invitations",
    ),
    path("me/invitations/", matching.MyInvitationsView.as_view(), name="my-invitations"),
    path(
        "me/saved-searches/",
        relationships.SavedSearchListView.as_view(),
        name="my-saved-searches",
    ),
    path(
        "me/saved-searches/<id:saved_search_id>/",
        relationships.SavedSearchDetailView.as_view(),
        name="my-saved-search",
    ),
    path(
        "me/notification-preferences/",
        relationships.PreferencesView.as_view(),
        name="my-notification-preferences",
    ),
    path("unsubscribe/<str:token>/", relationships.UnsubscribeView.as_view(), name="unsubscribe"),
    path("me/nudges/", relationships.MyNudgesView.as_view(), name="my-nudges"),
    path(
        "nudges/<id:nudge_id>/snooze/",
        relationships.NudgeSnoozeView.as_view(),
        name="nudge-snooze",
    ),
    path(
        "nudges/<id:nudge_id>/turn-off/",
        relationships.NudgeTurnOffView.as_view(),
        name="nudge-turn-off",
    ),
    path(
        "engagements/<id:engagement_id>/report-back/",
        relationships.ReportBackView.as_view(),
        name="engagement-report-back",
    ),
    path(
        "profiles/<slug:handle>/outcomes/",
        relationships.ProfileOutcomesView.as_view(),
        name="profile-outcomes",
    ),
    path(
        "invitations/<id:invitation_id>/decline/",
        matching.InvitationDeclineView.as_view(),
        name="invitation-decline",
    ),
    path(
        "profiles/<slug:handle>/experience/",
        people.ProfileExperienceView.as_view(),
        name="profile-experience",
    ),
    path(
        "engagements/<id:engagement_id>/showable/",
        showable.ShowableProposeView.as_view(),
        name="engagement-showable",
    ),
    path(
        "engagements/<id:engagement_id>/showable/confirm/",
        showable.ShowableConfirmView.as_view(),
        name="engagement-showable-confirm",
    ),
    path(
        "engagements/<id:engagement_id>/case-study/",
        showable.CaseStudySubmitView.as_view(),
        name="engagement-case-study",
    ),
    path(
        "engagements/<id:engagement_id>/case-study/approve/",
        showable.CaseStudyApproveView.as_view(),
        name="engagement-case-study-approve",
    ),
    path(
        "engagements/<id:engagement_id>/portfolio/",
        showable.ShowablePortfolioAddView.as_view(),
        name="engagement-portfolio-add",
    ),
]
