"""Who people are on Slipstream, and the evidence of what they can do."""

import uuid
from datetime import datetime
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


class Skill(models.Model):
    """The shared skill catalogue."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(max_length=40, blank=True, db_index=True)
    # Lowercase, accents stripped, punctuation and spaces collapsed (accounts.skill_keys): the
    # one key both autocomplete and de-duplication compare, so "Node.js" and "node js" are one.
    search_key = models.CharField(max_length=80, unique=True)
    # The matching key: the search key with British spellings folded into American ones
    # (skill_spelling_key), so "Data visualisation" and "Data visualization" share it; a row
    # named like another skill's alias takes that skill's key. Proposing one finds the other,
    # and matching treats rows that share it (older near-duplicates) as one skill.
    spelling_key = models.CharField(max_length=80, blank=True, db_index=True)
    # Skills close enough to give each other partial credit in matching (skill_families.py).
    family = models.CharField(max_length=40, blank=True, db_index=True)
    proposed_by = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            # Autocomplete is a prefix match (LIKE 'key%'); on PostgreSQL only a pattern-ops
            # index serves it under a non-C collation. Other databases ignore opclasses.
            models.Index(
                fields=["search_key"],
                name="skill_search_key_prefix",
                opclasses=["varchar_pattern_ops"],
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived data, not a business rule: rows made by factories or the admin stay searchable.
        if not self.search_key:
            from accounts.skill_keys import skill_search_key

            self.search_key = skill_search_key(self.name)
        if not self.spelling_key:
            from accounts.skill_keys import skill_spelling_key

            self.spelling_key = skill_spelling_key(self.name)
            # A row named like another skill's alias ("User research") matches as that skill.
            alias = SkillAlias.objects.filter(key=self.spelling_key).select_related("skill")
            if (twin := alias.first()) is not None:
                self.spelling_key = twin.skill.spelling_key
                self.family = self.family or twin.skill.family
                self.category = self.category or twin.skill.category
        super().save(*args, **kwargs)


class SkillAlias(models.Model):
    """Another name for a catalogue skill ("JS" for JavaScript): found by autocomplete, and
    proposing it returns the skill instead of creating a near-duplicate."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=80)
    # skill_spelling_key(name): unique, so one alias never points at two skills.
    key = models.CharField(max_length=80, unique=True)

    def __str__(self) -> str:
        return f"{self.name} → {self.skill_id}"


class UserSkill(models.Model):
    """A skill a person says they have, and how well."""

    class Level(models.TextChoices):
        LEARNING = "learning", "Learning"
        WORKING = "working", "Working knowledge"
        EXPERT = "expert", "Expert"

    user = models.ForeignKey("User", on_delete=models.CASCADE, related_name="user_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="user_skills")
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.WORKING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "skill"], name="userskill_once_per_user")
        ]
        # The unique constraint indexes (user, skill) for "my skills"; this one serves
        # "who has this skill" for matching.
        indexes = [models.Index(fields=["skill", "level"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.skill_id} ({self.level})"


def portfolio_file_path(instance: "PortfolioItem", filename: str) -> str:
    """A random name: the uploader's file name never reaches the storage."""
    extension = instance.file_kind or "bin"
    return f"portfolio/{uuid.uuid4().hex}.{extension}"


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
    file = models.FileField(upload_to=portfolio_file_path, blank=True, max_length=200)
    file_kind = models.CharField(max_length=10, blank=True, help_text="Sniffed from the content.")
    file_size = models.PositiveIntegerField(default=0)
    file_name = models.CharField(
        max_length=160, blank=True, help_text="The uploader's name for the file, for downloads."
    )

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["owner", "position", "id"]),
            models.Index(fields=["owner", "visibility", "position"]),
        ]

    def __str__(self) -> str:
        return self.title


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
        EVALUATIONS = "evaluations", "Evaluations"
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


# The career office's invitations live in their own module; importing them here registers them
# with the app and keeps `from accounts.models import StaffInvitation` working.
from accounts.office_models import RosterInvitation, StaffInvitation  # noqa: E402

__all__ = [
    "Consent",
    "Institution",
    "InstitutionApiKey",
    "InstitutionMembership",
    "Notification",
    "NotificationPreference",
    "PortfolioItem",
    "Profile",
    "RosterInvitation",
    "Skill",
    "SkillAlias",
    "StaffInvitation",
    "User",
    "UserSkill",
]
