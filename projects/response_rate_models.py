"""A mentor's response-rate figures, stored (projects/response_rates.py says what they are).

Browse shows them on every card and the task page on its mentor card: recomputed, they were a
cache read per card per request. Stored, they are two columns of a row the card statements join.
The answering services rewrite a mentor's row in the same transaction as the answer, withdrawal
or automatic close that moves it; the hourly closure run refreshes rows a day old (the 90-day
window slides with time alone). Registered with the app through projects/models.py."""

from django.conf import settings
from django.db import models


class MentorResponseRate(models.Model):
    """projects.response_rates.ResponseRate for one mentor, as of `computed_at`."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    response_rate = models.FloatField(null=True)
    median_reply_hours = models.IntegerField(null=True)
    applications = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [
            # The hourly refresh reads the rows with applications that are a day old.
            models.Index(fields=["computed_at"], name="mentor_rate_computed"),
        ]

    def __str__(self) -> str:
        return f"response rate of mentor {self.mentor_id}: {self.response_rate}"
