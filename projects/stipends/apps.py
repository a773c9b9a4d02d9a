from django.apps import AppConfig


class StipendsConfig(AppConfig):
    name = "projects.stipends"
    label = "stipends"
    verbose_name = "Stipends (Stripe Connect)"
