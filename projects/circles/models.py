"""Peer critique circles: small groups (4-8) of drafters around a skill family, optionally
within one institution, who critique each other's portfolio work for credits.

`Circle: forming (< 4 members) -> active -> closed` (projects/transitions/,
CIRCLE_TRANSITIONS). Text exists only as a critique request or a critique: no open messaging.
"""

from django.conf import settings
from django.db import models

from accounts.models import Institution, PortfolioItem
from accounts.skill_families import SKILL_FAMILIES, SKILL_FAMILY_LABELS
from marketplace.models import TimeStampedModel

CIRCLE_MIN_MEMBERS = 4
CIRCLE_MAX_MEMBERS = 8
HOST_MIN_VERIFIED_DRAFTS = 2
STARTING_CREDITS = 1
FAMILY_CHOICES = [(slug, SKILL_FAMILY_LABELS[slug]) for slug in SKILL_FAMILIES]


class Circle(TimeStampedModel):
    class State(models.TextChoices):
        FORMING = "forming", "Forming"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="circles_hosted"
    )
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    skill_family = models.CharField(max_length=40, choices=FAMILY_CHOICES)
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.PROTECT, related_name="circles"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.FORMING)
    # Kept in step by the services under the circle's lock (the cap of 8 reads it).
    member_count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_count__lte=CIRCLE_MAX_MEMBERS),
                name="circle_at_most_8_members",
            )
        ]
        # The list filters by family and state, newest first.
        indexes = [models.Index(fields=["skill_family", "state", "-id"])]

    def __str__(self) -> str:
        return self.name


class CircleMembership(TimeStampedModel):
    """One person's place in a circle; kept after leaving or removal (a removed member may not
    come back)."""

    class State(models.TextChoices):
        MEMBER = "member", "Member"
        LEFT = "left", "Left"
        REMOVED = "removed", "Removed"

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="circle_membership_once")
        ]
        indexes = [models.Index(fields=["user", "state"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.circle_id}"


class CritiqueBalance(models.Model):
    """A person's critique credits: asking costs 1, a critique marked helpful earns 1."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="critique_balance"
    )
    credits = models.IntegerField(default=STARTING_CREDITS)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # The database is the last guard: a balance never goes below 0.
            models.CheckConstraint(
                condition=models.Q(credits__gte=0), name="credits_never_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.credits}"


class CritiqueRequest(TimeStampedModel):
    """A member asks the circle for critique on one of their own portfolio items."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="requests")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="critique_requests"
    )
    portfolio_item = models.ForeignKey(
        PortfolioItem, on_delete=models.CASCADE, related_name="critique_requests"
    )
    question = models.CharField(max_length=500)

    class Meta:
        indexes = [models.Index(fields=["circle", "-id"])]

    def __str__(self) -> str:
        return self.question[:60]


class Critique(TimeStampedModel):
    """A structured critique: what works, one thing to change, one resource."""

    request = models.ForeignKey(CritiqueRequest, on_delete=models.CASCADE, related_name="critiques")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="critiques_given"
    )
    what_works = models.CharField(max_length=600)
    one_change = models.CharField(max_length=600)
    resource = models.CharField(max_length=300)
    helpful_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "author"], name="critique_once_per_request")
        ]
        indexes = [models.Index(fields=["author"])]

    def __str__(self) -> str:
        return self.what_works[:60]


class CritiqueReport(TimeStampedModel):
    """A member reports a critique to site staff (read in the admin)."""

    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=500)
    resolved = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["critique", "reporter"], name="critique_report_once")
        ]
        indexes = [models.Index(fields=["resolved", "-id"])]

    def __str__(self) -> str:
        return f"Report on critique {self.critique_id}"


class CircleAlert(models.Model):
    """ "Tell me when a circle opens": one per person and skill family. It is told once, when a
    circle of that family it could join starts forming or opens (`notified_at`); asking again
    afterwards sets it waiting again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_alerts"
    )
    skill_family = models.CharField(max_length=40, choices=FAMILY_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "skill_family"], name="circle_alert_once_per_family"
            )
        ]
        # A new circle looks up the alerts still waiting for its family.
        indexes = [
            models.Index(
                fields=["skill_family"],
                condition=models.Q(notified_at__isnull=True),
                name="circle_alert_waiting_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} waits for {self.skill_family}"
