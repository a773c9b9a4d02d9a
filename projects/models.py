"""The marketplace: overflow tasks, applications and engagements.

State machines follow DESIGN.md "Lifecycles"; every transition is one function in services.py.
"""

from django.conf import settings
from django.db import models

from accounts.models import Institution, PortfolioItem, Skill
from marketplace.models import TimeStampedModel


class Task(TimeStampedModel):
    """An overflow task a mentor posts."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ARCHIVED = "archived", "Archived"
        CANCELLED = "cancelled", "Cancelled"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Everyone"
        INSTITUTIONS = "institutions", "Only students of chosen institutions"

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks"
    )
    title = models.CharField(max_length=160)
    description = models.TextField(max_length=10_000)
    skills = models.ManyToManyField(Skill, blank=True, related_name="tasks")
    estimated_hours = models.PositiveSmallIntegerField()
    deadline = models.DateField(null=True, blank=True)
    is_remote = models.BooleanField(default=True)
    location = models.CharField(max_length=120, blank=True)
    slots = models.PositiveSmallIntegerField(default=1)
    filled_slots = models.PositiveSmallIntegerField(default=0)
    # Money is an integer in the currency's minor unit (cents); null means unpaid.
    stipend_amount = models.PositiveIntegerField(null=True, blank=True)
    stipend_currency = models.CharField(max_length=3, default="usd")
    what_you_gain = models.TextField(blank=True, max_length=2000)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    institutions = models.ManyToManyField(Institution, blank=True, related_name="tasks")
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(filled_slots__lte=models.F("slots")),
                name="task_filled_slots_within_slots",
            ),
            models.CheckConstraint(condition=models.Q(slots__gte=1), name="task_slots_positive"),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at", "-id"]),
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["state", "stipend_amount"]),
            models.Index(fields=["state", "estimated_hours"]),
            models.Index(fields=["mentor", "state"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_paid(self) -> bool:
        return bool(self.stipend_amount)


class Application(TimeStampedModel):
    """A drafter's offer to help with a task, led by their work."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        SHORTLISTED = "shortlisted", "Shortlisted"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="applications")
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    note = models.TextField(max_length=1500)
    work_sample_link = models.URLField(blank=True, max_length=500)
    portfolio_items = models.ManyToManyField(PortfolioItem, blank=True, related_name="applications")
    answers = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.SUBMITTED)
    decline_note = models.TextField(blank=True, max_length=1000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "drafter"], name="application_one_per_drafter")
        ]
        indexes = [
            models.Index(fields=["task", "state", "-id"]),
            models.Index(fields=["drafter", "-id"]),
        ]


class Engagement(TimeStampedModel):
    """An accepted application being worked on."""

    class State(models.TextChoices):
        AWAITING_FUNDING = "awaiting_funding", "Awaiting funding"
        ACTIVE = "active", "Active"
        DELIVERED = "delivered", "Delivered"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="engagement"
    )
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="engagements")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentored_engagements"
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafted_engagements"
    )
    state = models.CharField(max_length=20, choices=State.choices)
    started_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.TextField(blank=True, max_length=1000)

    class Meta:
        indexes = [
            models.Index(fields=["mentor", "state", "-id"]),
            models.Index(fields=["drafter", "state", "-id"]),
            models.Index(fields=["state", "delivered_at"]),
        ]
