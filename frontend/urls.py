from django.urls import path

from frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.HomePage.as_view(), name="home"),
    path("tasks/", views.TaskBrowsePage.as_view(), name="tasks"),
    path("tasks/new/", views.TaskEditorPage.as_view(), name="task-new"),
    path("tasks/<int:task_id>/", views.TaskPage.as_view(), name="task"),
    path("tasks/<int:task_id>/edit/", views.TaskEditorPage.as_view(), name="task-edit"),
    path("for-you/", views.ForYouPage.as_view(), name="for-you"),
    path("dashboard/", views.DashboardPage.as_view(), name="dashboard"),
    path("applications/<int:application_id>/", views.ApplicationPage.as_view(), name="application"),
    path("engagements/<int:engagement_id>/", views.EngagementPage.as_view(), name="engagement"),
    path("notifications/", views.NotificationsPage.as_view(), name="notifications"),
]
