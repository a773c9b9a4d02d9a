from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "projects.careers"
    label = "careers"
    verbose_name = "Career offices"
    default_auto_field = "django.db.models.BigAutoField"
