"""In-app notifications and what each person wants to hear about."""

from django.db import models

from accounts.models.people import User


class Notification(models.Model):
    """An in-app message about something that happened; most are also e-mailed."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "-id"]),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """What a person wants to hear about beyond the in-app bell. A missing row means the
    defaults below (see notification_preferences_get)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_pref")
    saved_search_digest = models.BooleanField(default=True)
    recommendation_digest = models.BooleanField(default=True)
    # Recommendations scoring at least this much (projects/matching/weights.py) go in the digest.
    recommendation_threshold = models.PositiveSmallIntegerField(default=40)
    nudges = models.BooleanField(default=True)
    report_back_prompts = models.BooleanField(default=True)
    invitations = models.BooleanField(default=True)
    # Tasks published after this moment are new for the next recommendations digest.
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Preferences of {self.user_id}"
