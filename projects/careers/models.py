"""What career offices do here: feature tasks to their students, and the log of every time
student data left Slipstream for an institution."""

from django.conf import settings
from django.db import models

from accounts.models import Institution, InstitutionApiKey
from projects.models import Task


class Disclosure(models.Model):
    """One API response that disclosed student data: who asked (a key or a staff member),
    when, through which endpoint, which students and which fields. Never edited."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    api_key = models.ForeignKey(
        InstitutionApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the key is deleted, so the log still says which key it was.
    api_key_label = models.CharField(max_length=120, blank=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endpoint = models.CharField(max_length=200)
    fields = models.JSONField(default=list)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="careers_disclosures", blank=True
    )
    student_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["institution", "-id"])]

    def __str__(self) -> str:
        return f"{self.endpoint} to {self.institution_id} at {self.created_at:%Y-%m-%d %H:%M}"


class FeaturedTask(models.Model):
    """A career office recommends an open task to its students ("featured by your career
    office"). Unfeaturing ends the row; it is not deleted, so the history stays."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="featured_tasks"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "task"],
                condition=models.Q(ended_at__isnull=True),
                name="featuredtask_once_per_institution",
            )
        ]
        indexes = [models.Index(fields=["task", "ended_at"])]

    def __str__(self) -> str:
        return f"Task {self.task_id} featured by {self.institution_id}"
