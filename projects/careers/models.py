"""What career offices do here: feature tasks to their students, and the log of every time
student data left Slipstream for an institution."""

from django.conf import settings
from django.db import models

from accounts.models import Institution, InstitutionApiKey
from projects.models import Task


class DisclosureSnapshot(models.Model):
    """A set of students counted together in an institution's anonymous totals, stored once per
    distinct set (`digest`: SHA-256 of the sorted ids). A report read logs one Disclosure that
    points here, so logging a read costs the same for 50 or 50,000 counted students; a new
    snapshot is written only when the counted set changes. Never edited."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="careers_disclosure_snapshots", blank=True
    )
    student_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "digest"], name="disclosuresnapshot_once_per_set"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student_count} students of {self.institution_id} ({self.digest[:12]})"


class Disclosure(models.Model):
    """One API response that disclosed student data: who asked (a key or a staff member),
    when, through which endpoint, which students and which fields. Never edited.

    Reads of single students (lists, participation, exports) name them in `students`; an
    aggregate read (the summary report) names its counted set through `snapshot` instead."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    api_key = models.ForeignKey(
        InstitutionApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the key is deleted, so the log still says which key it was.
    api_key_label = models.CharField(max_length=120, blank=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endpoint = models.CharField(max_length=200)
    fields = models.JSONField(default=list)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="careers_disclosures", blank=True
    )
    snapshot = models.ForeignKey(
        DisclosureSnapshot,
        null=True,
        blank=True,
        # Snapshots go only with their institution, which takes its log with it.
        on_delete=models.CASCADE,
        related_name="disclosures",
    )
    student_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["institution", "-id"])]

    def __str__(self) -> str:
        return f"{self.endpoint} to {self.institution_id} at {self.created_at:%Y-%m-%d %H:%M}"


class FeaturedTask(models.Model):
    """A career office recommends an open task to its students ("featured by your career
    office"). Unfeaturing ends the row; it is not deleted, so the history stays."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="featured_tasks"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "task"],
                condition=models.Q(ended_at__isnull=True),
                name="featuredtask_once_per_institution",
            )
        ]
        indexes = [models.Index(fields=["task", "ended_at"])]

    def __str__(self) -> str:
        return f"Task {self.task_id} featured by {self.institution_id}"


class CareersStudent(models.Model):
    """A student as one institution sees them, kept by the careers hook (services/summary.py)
    in the transaction of every change to that student's activity:

    - `public_id`: the student's id for this institution, made once and stored (stable, and
      different at every institution, so two offices cannot join their data on it);
    - `changed_at`: the last change the institution may see, indexed for `updated_since`;
    - `contribution`: what this student currently adds to the institution's SummaryCells, so
      the next change can take exactly that away again before adding the new figures.
    """

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="careers_rows"
    )
    public_id = models.CharField(max_length=40, unique=True)
    changed_at = models.DateTimeField()
    contribution = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "student"], name="careersstudent_once_per_institution"
            )
        ]
        indexes = [models.Index(fields=["institution", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.public_id} at {self.institution_id}"


class SummaryCell(models.Model):
    """One cell of an institution's summary report: consenting students of one period
    (`grain` month "2026-02", term "2026 Spring", or all time ""), one programme, one class year
    and one skill ("" = every skill). Counters only: the report reads cells, never the
    engagements, so it costs the same whatever the history. Kept in step by the careers hook;
    `careers_rebuild_summary` recomputes them from scratch."""

    class Grain(models.TextChoices):
        ALL = "all", "All time"
        TERM = "term", "Term"
        MONTH = "month", "Month"

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    grain = models.CharField(max_length=5, choices=Grain.choices)
    period = models.CharField(max_length=16, blank=True)
    programme = models.CharField(max_length=160, blank=True)
    # 0 = not given (a key column cannot be NULL and stay unique).
    class_year = models.PositiveSmallIntegerField(default=0)
    skill = models.CharField(max_length=100, blank=True)
    # Students (each counted once per cell): applied, engaged, completed one, reported an
    # outcome (of those sharing outcomes); sharing stipend amounts; sharing outcomes.
    students = models.IntegerField(default=0)
    applied_students = models.IntegerField(default=0)
    completed_students = models.IntegerField(default=0)
    outcome_students = models.IntegerField(default=0)
    stipend_students = models.IntegerField(default=0)
    outcome_sharing_students = models.IntegerField(default=0)
    # Engagements.
    engagements = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    paid = models.IntegerField(default=0)
    unpaid = models.IntegerField(default=0)
    hours = models.IntegerField(default=0)
    stipend_totals = models.JSONField(default=dict, blank=True)
    # Completed drafts of outcome-sharing students that led to each outcome.
    introductions = models.IntegerField(default=0)
    referrals = models.IntegerField(default=0)
    repeat_work = models.IntegerField(default=0)
    job_offers = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "grain", "period", "programme", "class_year", "skill"],
                name="summarycell_one_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.grain}:{self.period} {self.programme} {self.skill}"
