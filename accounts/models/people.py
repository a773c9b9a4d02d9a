"""Accounts and the public profile: who a person is on Slipstream."""

from typing import Any, ClassVar

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
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email


class Profile(TimeStampedModel):
    """The public face of a user. Created with the account (see `profile_ensure`)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    handle = models.SlugField(max_length=40, unique=True)
    display_name = models.CharField(max_length=120, blank=True)
    headline = models.CharField(max_length=160, blank=True)
    bio = models.TextField(blank=True, max_length=5000)
    wants_to_mentor = models.BooleanField(default=False)
    wants_to_draft = models.BooleanField(default=True)
    # Chose "I work in a university career office" at sign-up: lands on /careers/ (institution
    # onboarding or an invitation) and is never asked for a portfolio, before any membership.
    joins_career_office = models.BooleanField(default=False)
    location = models.CharField(max_length=120, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    weekly_hours = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Hours a week the person can give to Slipstream."
    )
    links = models.JSONField(default=list, blank=True, help_text="http(s) URLs only.")
    avatar = models.FileField(upload_to="avatars/", blank=True, max_length=200)
    # For mentors: where their experience comes from.
    organisation = models.CharField(max_length=160, blank=True)
    job_title = models.CharField(max_length=160, blank=True)
    years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    linkedin_url = models.URLField(max_length=300, blank=True)
    # The domain of a verified, non-free-mail address ("acme.com"): what a mentor's public
    # profile and task cards show as "verified at". Kept in step by accounts.services.work_email.
    verified_work_domain = models.CharField(max_length=253, blank=True)
    # When the person chose their handle themselves: that may happen once (old handles redirect,
    # and a link shared twice over should keep working). A handle made from the display name
    # does not count.
    handle_chosen_at = models.DateTimeField(null=True, blank=True)
    onboarding_completed_at = models.DateTimeField(null=True, blank=True)
    # Opt-in: mentors may find this drafter among a task's recommended drafters and invite them.
    # Off for accounts made outside the wizard; the welcome wizard asks, with "yes" preselected.
    discoverable = models.BooleanField(default=False)
    # Set when the account was deleted: the row stays (others' records point at the user) but
    # holds no personal data and the public profile is gone.
    deleted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.handle


class HandleRedirect(models.Model):
    """A handle a profile used before: /u/<old>/ answers 301 to the current one for good, so
    the old handle is never given to anyone else."""

    old_handle = models.SlugField(max_length=40, unique=True)
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="handle_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_handle} → {self.profile_id}"
