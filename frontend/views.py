"""Page shells. Pages get their data from /api/v1/; nothing here imports other apps' models."""

from django.views.generic import TemplateView


class HomePage(TemplateView):
    template_name = "frontend/home.html"
