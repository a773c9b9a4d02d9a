"""Offers: the drafter's drafting move, "may I draft for you?", to a mentor who opted in.

`Offer: pending -> accepted | declined | withdrawn | expired` (projects/transitions/,
OFFER_TRANSITIONS). Accepting turns the offer into a private task filled by its drafter, and
that task's engagement, through the ordinary application path.
"""

from django.conf import settings
from django.db import models

from accounts.models import PortfolioItem, Skill
from marketplace.models import TimeStampedModel

OFFER_MAX_HOURS = 10


class OfferSettings(TimeStampedModel):
    """Whether a mentor receives offers, how many a month, on what, and a note to drafters."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offer_settings"
    )
    is_open = models.BooleanField(default=False)
    monthly_cap = models.PositiveSmallIntegerField(default=3)
    topics = models.ManyToManyField(Skill, blank=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "offer settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(monthly_cap__gte=1, monthly_cap__lte=10),
                name="offer_settings_cap_1_to_10",
            )
        ]
        # The "mentors open to offers" list walks open settings newest first.
        indexes = [models.Index(fields=["is_open", "-id"], name="offer_settings_open_newest")]

    def __str__(self) -> str:
        return f"Offer settings of {self.mentor_id}"


class Offer(TimeStampedModel):
    """A drafter's small, specific offer of help to one mentor, led by their work."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Expired"

    class DeclineReason(models.TextChoices):
        NOT_A_FIT = "not_a_fit", "Not a fit for my work right now"
        NO_CAPACITY = "no_capacity", "No capacity to guide it right now"
        ALREADY_COVERED = "already_covered", "Already covered"
        OTHER = "other", "Another reason"

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="offers_received"
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="offers_sent"
    )
    title = models.CharField(max_length=120)
    what = models.TextField(max_length=1500)
    estimated_hours = models.PositiveSmallIntegerField()
    by_when = models.DateField()
    work_sample_link = models.URLField(blank=True, max_length=500)
    portfolio_items = models.ManyToManyField(PortfolioItem, blank=True, related_name="offers")
    skills = models.ManyToManyField(Skill, blank=True, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    decline_note = models.TextField(blank=True, max_length=1000)
    responded_at = models.DateTimeField(null=True, blank=True)
    # Set on acceptance: the private task made from the offer, and its engagement.
    task = models.OneToOneField(
        "projects.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="offer"
    )
    engagement = models.OneToOneField(
        "projects.Engagement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offer",
    )

    class Meta:
        constraints = [
            # One pending offer per drafter and mentor: the database is the last guard.
            models.UniqueConstraint(
                fields=["mentor", "drafter"],
                condition=models.Q(state="pending"),
                name="offer_one_pending_per_mentor",
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_hours__gte=1, estimated_hours__lte=OFFER_MAX_HOURS),
                name="offer_hours_1_to_10",
            ),
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("drafter")), name="offer_not_to_yourself"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "state", "-id"]),
            models.Index(fields=["drafter", "state", "-id"]),
            # The monthly cap counts a mentor's offers by creation date.
            models.Index(fields=["mentor", "created_at"]),
            # Expiry walks pending offers oldest first.
            models.Index(fields=["state", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.title
