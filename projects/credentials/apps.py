from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "projects.credentials"
    label = "credentials"
    verbose_name = "Credentials (Open Badges 3.0)"
