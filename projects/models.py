"""The marketplace: overflow tasks, applications and engagements.

State machines follow docs/architecture.md, "Stateful models"; every transition is one service
function (projects/services/), allowed or refused by projects/transitions/.
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
        # An accepted offer's task: only its mentor and the offering drafter see it.
        PRIVATE = "private", "Only the mentor and the drafter of an accepted offer"

    class Level(models.TextChoices):
        # The experience a task needs; matching keeps `experienced` tasks out of the top five
        # of someone only learning its skills, and prefers `beginner_friendly` ones for them.
        BEGINNER_FRIENDLY = "beginner_friendly", "Beginner-friendly"
        SOME_EXPERIENCE = "some_experience", "Some experience"
        EXPERIENCED = "experienced", "Experienced"

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
    # Three values, read row by row while browse walks the published index: no index of its own
    # (like hours or remote, an index on it would lure the planner into sorting every match).
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.SOME_EXPERIENCE)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    institutions = models.ManyToManyField(Institution, blank=True, related_name="tasks")
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    # Up to three questions an applicant answers (plain strings).
    questions = models.JSONField(default=list, blank=True)
    # Skill names copied here by the services so full-text search (FTS5 on SQLite, a GIN
    # index on PostgreSQL) covers skills without a join.
    skills_text = models.CharField(max_length=1000, blank=True, default="")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(filled_slots__lte=models.F("slots")),
                name="task_filled_slots_within_slots",
            ),
            models.CheckConstraint(condition=models.Q(slots__gte=1), name="task_slots_positive"),
        ]
        # Browse walks (state, -published_at, -id) until a page is full, checking the other
        # filters row by row. Range or boolean indexes on hours, stipend or remote (10 values,
        # 40 %, 70 %) lured both planners into collecting and sorting every match instead
        # (migration 0007): they are not kept.
        indexes = [
            models.Index(fields=["state", "-published_at", "-id"]),
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["mentor", "state"]),
            models.Index(fields=["state", "visibility"]),
            # A mentor's newest tasks (their reply time is read from the most recent ones).
            models.Index(fields=["mentor", "-id"], name="projects_task_mentor_newest"),
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

    class DeclineReason(models.TextChoices):
        # The mentor's one-click reasons (from the day-7 reminder or the page) ...
        NOT_A_FIT = "not_a_fit", "Not the right fit for this task"
        FILLED = "filled", "The places went to someone else"
        NO_CAPACITY = "no_capacity", "No time to take anyone on now"
        TASK_CHANGED = "task_changed", "The task changed or is no longer needed"
        # ... and the system's: nobody answered within 14 days (projects/services/closure.py).
        NO_ANSWER = "no_answer", "Closed automatically after 14 days without an answer"

    state = models.CharField(max_length=12, choices=State.choices, default=State.SUBMITTED)
    decline_note = models.TextField(blank=True, max_length=1000)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    # The closure guarantee: declined by the system, not by the mentor (never shown as their
    # note); the tasks that fit, chosen by the recommender at closing time, for the drafter.
    closed_automatically = models.BooleanField(default=False)
    alternative_task_ids = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "drafter"], name="application_one_per_drafter")
        ]
        indexes = [
            models.Index(fields=["task", "state", "-id"]),
            models.Index(fields=["drafter", "-id"]),
            # The closing job finds the oldest unanswered applications in every state it closes.
            models.Index(fields=["state", "created_at"], name="application_state_created"),
        ]


class Engagement(TimeStampedModel):
    """An accepted application being worked on."""

    class State(models.TextChoices):
        AWAITING_FUNDING = "awaiting_funding", "Awaiting funding"
        ACTIVE = "active", "Active"
        DELIVERED = "delivered", "Delivered"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    class Showable(models.TextChoices):
        FULL = "full", "The work may be shown publicly"
        CASE_STUDY = "case_study", "A case study approved by the mentor may be shown"
        AFTER = "after", "The work may be shown publicly from a date"
        PRIVATE = "private", "Only the fact, the title and the endorsement may be shown"

    class CaseStudyState(models.TextChoices):
        NONE = "none", "Not written"
        SUBMITTED = "submitted", "Waiting for the mentor"
        APPROVED = "approved", "Approved"

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
    # The showable-work clause (chosen at approval): what the drafter may show publicly.
    # `private` by default, so client work never becomes public unless the mentor says so.
    showable = models.CharField(max_length=12, choices=Showable.choices, default=Showable.PRIVATE)
    show_after = models.DateField(null=True, blank=True)  # `after`: full from this date (UTC)
    public_title = models.CharField(max_length=160, blank=True)  # blank: the task's title
    showable_proposed = models.CharField(max_length=12, choices=Showable.choices, blank=True)
    show_after_proposed = models.DateField(null=True, blank=True)
    public_title_proposed = models.CharField(max_length=160, blank=True)
    case_study = models.TextField(blank=True, max_length=3000)
    case_study_state = models.CharField(
        max_length=10, choices=CaseStudyState.choices, default=CaseStudyState.NONE
    )

    class Meta:
        indexes = [
            models.Index(fields=["mentor", "state", "-id"]),
            models.Index(fields=["drafter", "state", "-id"]),
            models.Index(fields=["state", "delivered_at"]),
        ]


class Deliverable(TimeStampedModel):
    """Work a drafter hands in: a link or a checked file, with a note. A revision request is
    recorded on the deliverable it answers, so the timeline reads deliver → revise → deliver."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="deliverables"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    link = models.URLField(blank=True, max_length=500)
    file = models.FileField(upload_to="deliverables/%Y/%m/", blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    revision_comment = models.TextField(blank=True, max_length=2000)
    revision_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["engagement", "id"])]


class Message(models.Model):
    """One line in the thread of an application, an engagement or an offer — never anywhere
    else (no cold outreach). Only the thread's two people can read or write it."""

    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    offer = models.ForeignKey(
        "offers.Offer", null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(application__isnull=False, engagement__isnull=True, offer__isnull=True)
                    | models.Q(
                        application__isnull=True, engagement__isnull=False, offer__isnull=True
                    )
                    | models.Q(
                        application__isnull=True, engagement__isnull=True, offer__isnull=False
                    )
                ),
                name="message_in_exactly_one_thread",
            )
        ]
        indexes = [
            models.Index(fields=["application", "id"]),
            models.Index(fields=["engagement", "id"]),
            models.Index(fields=["offer", "id"], name="message_offer_thread"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="message_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} from {self.sender_id}"


class Feedback(TimeStampedModel):
    """What one side of a completed engagement says about the other. Double-blind: hidden from
    the other side until both have written or FEEDBACK_BLIND_DAYS have passed."""

    class Competency(models.TextChoices):
        # NACE career-readiness competencies, so career offices can report them.
        CAREER_DEVELOPMENT = "career_development", "Career & self-development"
        COMMUNICATION = "communication", "Communication"
        CRITICAL_THINKING = "critical_thinking", "Critical thinking"
        EQUITY_INCLUSION = "equity_inclusion", "Equity & inclusion"
        LEADERSHIP = "leadership", "Leadership"
        PROFESSIONALISM = "professionalism", "Professionalism"
        TEAMWORK = "teamwork", "Teamwork"
        TECHNOLOGY = "technology", "Technology"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_received"
    )
    rating = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True, max_length=2000)
    # {"communication": 4, ...}: only the mentor's feedback carries these.
    competencies = models.JSONField(default=dict, blank=True)
    endorsed_skills = models.ManyToManyField(Skill, blank=True, related_name="+")
    endorsement = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "author"], name="feedback_one_per_side"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]


class ThankYouNote(TimeStampedModel):
    """Thanks that cost nothing. Shown on the receiver's profile only once they agree."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="thanks")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="thanks_received"
    )
    body = models.TextField(max_length=1000)
    shown_on_profile = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "sender"], name="thanks_one_per_side")
        ]
        indexes = [models.Index(fields=["receiver", "shown_on_profile", "-id"])]


class Introduction(TimeStampedModel):
    """Someone points a drafter to a task. The mentor sees it only after the drafter accepts;
    the introducer is credited on the drafter's profile if the draft completes."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for the drafter"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="introductions")
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_received"
    )
    introducer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_made"
    )
    note = models.TextField(max_length=500)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task", "drafter", "introducer"], name="introduction_once"
            )
        ]
        indexes = [
            models.Index(fields=["drafter", "state", "-id"]),
            models.Index(fields=["task", "state"]),
        ]


class AuditEntry(models.Model):
    """One state transition or money movement: who (or which system), when, from -> to.

    Written by projects.audit in the same transaction as the change it records, for tasks,
    applications, engagements, offers, stipends, payouts and ledger entries. Append-only; site staff
    read it in the admin.
    """

    class Via(models.TextChoices):
        WEB = "web", "A signed-in person (site or API)"
        ADMIN = "admin", "Site staff in the admin"
        STRIPE = "stripe", "A Stripe webhook"
        SYSTEM = "system", "Scheduled work or a background task"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    via = models.CharField(max_length=10, choices=Via.choices)
    subject_type = models.CharField(max_length=20)
    subject_id = models.BigIntegerField()
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    amount = models.IntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id", "id"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.subject_type} {self.subject_id}: {self.from_state or '-'} -> {self.to_state}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)


# Matchmaking and follow-up models live in their own module; importing them here registers them
# with the app and keeps `from projects.models import Nudge` working.
from projects.relationship_models import (  # noqa: E402
    ImpactLetter,
    ImpactSettings,
    Invitation,
    Nudge,
    ReportBack,
    SavedSearch,
)
from projects.response_rate_models import MentorResponseRate  # noqa: E402

__all__ = [
    "Application",
    "AuditEntry",
    "Deliverable",
    "Engagement",
    "Feedback",
    "ImpactLetter",
    "ImpactSettings",
    "Introduction",
    "Invitation",
    "MentorResponseRate",
    "Message",
    "Nudge",
    "ReportBack",
    "SavedSearch",
    "Task",
    "ThankYouNote",
]
