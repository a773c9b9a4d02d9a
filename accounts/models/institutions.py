"""Institutions (career offices), their staff, students' consents and API keys."""

from datetime import datetime

from django.db import models
from django.utils import timezone

from accounts.models.people import User
from marketplace.models import TimeStampedModel


class Institution(TimeStampedModel):
    """A university or school whose career office may see its consenting students' activity.

    One created by a career-office member waits in `pending` until site staff approve it, so
    nobody can claim a university's domain alone; rows made in the admin are live at once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    email_domains = models.JSONField(
        default=list, help_text="Domains whose verified addresses make a user a student member."
    )
    country = models.CharField(max_length=2, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    logo = models.FileField(upload_to="institution-logos/", blank=True, max_length=200)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.APPROVED

    def __str__(self) -> str:
        return self.name


class InstitutionMembership(TimeStampedModel):
    class Role(models.TextChoices):
        STUDENT = "student", "Student"
        STAFF = "staff", "Career-office staff"

    class StaffRole(models.TextChoices):
        ADMIN = "admin", "Admin (keys and colleagues)"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    email = models.EmailField(blank=True, help_text="The verified address that proved it.")
    ended_at = models.DateTimeField(null=True, blank=True)
    # Staff only: what the member may do on the career-office dashboard.
    staff_role = models.CharField(
        max_length=10, choices=StaffRole.choices, default=StaffRole.ADMIN, blank=True
    )
    # Students only, and only when the student gives them: shown to a consenting institution.
    programme = models.CharField(max_length=160, blank=True, help_text="Programme or major.")
    class_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="membership_one_active_per_role",
            )
        ]
        indexes = [models.Index(fields=["institution", "role", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.user} at {self.institution} ({self.role})"


class Consent(models.Model):
    """A student's revocable permission for one institution to see their Slipstream activity.

    Never edited: a change of scope revokes the active row and grants a new one, so the history
    of what was shared, when and under which wording stays intact.
    """

    class Scope(models.TextChoices):
        PARTICIPATION = "participation", "Participation"
        EVALUATIONS = "evaluations", "Ratings from mentors"
        STIPEND_AMOUNTS = "stipend_amounts", "Stipend amounts"
        OUTCOMES = "outcomes", "Outcomes"

    student = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="consents")
    participation = models.BooleanField(default=False)
    evaluations = models.BooleanField(default=False)
    stipend_amounts = models.BooleanField(default=False)
    # What completed drafts led to (introductions, referrals, repeat work, job offers).
    outcomes = models.BooleanField(default=False)
    purpose = models.TextField(help_text="The wording the student agreed to, as shown.")
    version = models.CharField(max_length=20)
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["student", "institution"],
                condition=models.Q(revoked_at__isnull=True),
                name="consent_one_active_per_institution",
            )
        ]
        indexes = [models.Index(fields=["institution", "revoked_at", "student"])]

    def __str__(self) -> str:
        return f"{self.student} -> {self.institution} ({self.version})"

    @property
    def scopes(self) -> list[str]:
        return [scope for scope in self.Scope.values if getattr(self, scope)]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class InstitutionApiKey(models.Model):
    """A key an institution's own systems use for the read-only careers API.

    Shown once when created; only its SHA-256 is stored (the key is 256 random bits, so a slow
    hash adds nothing). `prefix` finds the row without revealing the secret.
    """

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=16, unique=True)
    hashed_key = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["institution", "-id"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
