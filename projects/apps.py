from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Drafting marketplace"

    def ready(self) -> None:
        from projects.audit import audit_connect

        audit_connect()
