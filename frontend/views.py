"""Page shells. Pages get their data from /api/v1/; nothing here imports other apps' models."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class HomePage(TemplateView):
    template_name = "frontend/home.html"


class TaskBrowsePage(TemplateView):
    template_name = "frontend/tasks_browse.html"


class TaskPage(TemplateView):
    template_name = "frontend/task_detail.html"


class TaskEditorPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/task_editor.html"


class DashboardPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/dashboard.html"


class ApplicationPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/application.html"


class EngagementPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/engagement.html"


class NotificationsPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/notifications.html"


class ForYouPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/for_you.html"
