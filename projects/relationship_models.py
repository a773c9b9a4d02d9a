"""The relationship side of the marketplace: invitations, saved searches, nudges and report-backs
(matchmaking and follow-up, issue 11). Registered with the app through projects/models.py."""

from django.conf import settings
from django.db import models

from marketplace.models import TimeStampedModel


class Invitation(TimeStampedModel):
    """A mentor asks a discoverable drafter to apply to a task. Not a message: the drafter
    decides, by applying or declining; one invitation per drafter per task."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for the drafter"
        DECLINED = "declined", "Declined"

    task = models.ForeignKey("projects.Task", on_delete=models.CASCADE, related_name="invitations")
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_received"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True, max_length=500)
    # The reasons the drafter was recommended, as the mentor saw them.
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "drafter"], name="invitation_once_per_task")
        ]
        indexes = [models.Index(fields=["drafter", "state", "-id"])]


class SavedSearch(TimeStampedModel):
    """A browse query someone wants to hear about: new matches go in the daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=120)
    # The browse filters as the API takes them (q, skills, paid, min_hours, ...).
    query = models.JSONField(default=dict)
    # Tasks published after this moment are "new" for the next digest.
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-id"])]


class Nudge(models.Model):
    """A follow-up reminder. `key` names the moment it is about (kind + object + round), so
    planning it twice — or a worker restarting mid-run — never sends it twice."""

    class Kind(models.TextChoices):
        APPLICATION_UNANSWERED = "application_unanswered", "An application waits for an answer"
        DELIVERABLE_DUE = "deliverable_due", "A deliverable is due soon"
        DELIVERY_UNREVIEWED = "delivery_unreviewed", "Delivered work waits for review"
        REPORT_BACK = "report_back", "Tell your mentor what the draft led to"
        INTRODUCTION_ASK = "introduction_ask", "Could you introduce your drafter to someone?"
        PAY_IT_FORWARD = "pay_it_forward", "Become a mentor"
        LOW_RESPONSE_RATE = "low_response_rate", "Applications go unanswered: pause or close tasks"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        DROPPED = "dropped", "Dropped"
        OFF = "off", "Turned off"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=120, unique=True)
    application = models.ForeignKey(
        "projects.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    engagement = models.ForeignKey(
        "projects.Engagement",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="nudges",
    )
    due_at = models.DateTimeField()
    snoozed_until = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["recipient", "state", "-id"]),
        ]

    def __str__(self) -> str:
        return self.key


class ReportBack(TimeStampedModel):
    """What a completed draft led to, told by the drafter ("thank you, part 2") or the mentor.
    Outcomes are counted on the drafter's profile."""

    class Outcome(models.TextChoices):
        INTRODUCTION = "introduction", "An introduction"
        REFERRAL = "referral", "A referral"
        REPEAT_WORK = "repeat_work", "Repeat work"
        JOB_OFFER = "job_offer", "A job or internship offer"

    engagement = models.ForeignKey(
        "projects.Engagement", on_delete=models.CASCADE, related_name="report_backs"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcomes = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "author"], name="report_back_once")
        ]
