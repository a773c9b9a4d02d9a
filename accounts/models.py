"""Who people are on Slipstream, and the evidence of what they can do."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from marketplace.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. E-mail is the login; there is no username."""

    email = models.EmailField("e-mail address", unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email


class Profile(TimeStampedModel):
    """The public face of a user. Created with the account (see services.profile_ensure)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    handle = models.SlugField(max_length=40, unique=True)
    display_name = models.CharField(max_length=120, blank=True)
    headline = models.CharField(max_length=160, blank=True)
    bio = models.TextField(blank=True, max_length=5000)
    wants_to_mentor = models.BooleanField(default=False)
    wants_to_draft = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.display_name or self.handle


class Skill(models.Model):
    """The shared skill catalogue."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PortfolioItem(TimeStampedModel):
    """A piece of work that speaks for its owner."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        APPLICATIONS = "applications", "Only with my applications"

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="portfolio_items")
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True, max_length=5000)
    link = models.URLField(blank=True, max_length=500)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    position = models.PositiveIntegerField(default=0)
    skills = models.ManyToManyField(Skill, blank=True, related_name="portfolio_items")

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["owner", "position", "id"])]

    def __str__(self) -> str:
        return self.title


class Institution(TimeStampedModel):
    """A university or school whose career office may see its consenting students' activity."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    email_domains = models.JSONField(
        default=list, help_text="Domains whose verified addresses make a user a student member."
    )
    country = models.CharField(max_length=2, blank=True)

    def __str__(self) -> str:
        return self.name


class InstitutionMembership(TimeStampedModel):
    class Role(models.TextChoices):
        STUDENT = "student", "Student"
        STAFF = "staff", "Career-office staff"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    email = models.EmailField(blank=True, help_text="The verified address that proved it.")
    ended_at = models.DateTimeField(null=True, blank=True)

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
