from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "projects.careers"
    label = "careers"
    verbose_name = "Career offices"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The careers summary follows the lifecycle through the kernel's event registry, so
        # neither accounts nor the lifecycle imports careers (see marketplace/events.py).
        from marketplace.events import STUDENT_ACTIVITY_CHANGED, event_subscribe
        from projects.careers.services.summary import careers_students_sync

        event_subscribe(STUDENT_ACTIVITY_CHANGED, careers_students_sync)
