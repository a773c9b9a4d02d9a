"""Input serializers, and the documented shape of every careers response.

The views return the selectors' dicts as they are (fast lists); these serializers describe
them in the OpenAPI schema, with a description and an example on every field, so an office's
developer can integrate from the docs alone. Golden-JSON tests pin that the two agree.
"""

from rest_framework import serializers

from accounts.models import InstitutionMembership
from marketplace.api.fields import EmailAddressField
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form
from projects.careers.selectors.reports import GROUP_BY


def _f(field: serializers.Field, help_text: str, example: object) -> serializers.Field:
    """A documented field. DRF copies declared fields by re-calling the constructor with the
    original keyword arguments, so the description and example go in those too."""
    field.help_text = help_text
    field.style = {**field.style, "example": example}
    # DRF's Field.__new__ keeps the constructor's arguments in _kwargs; the stub omits them.
    field._kwargs = {**field._kwargs, "help_text": help_text, "style": field.style}  # type: ignore[attr-defined]
    return field


class TaskRefSerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The task's id on Slipstream.", 42)
    title = _f(serializers.CharField(), "The task's title.", "Clean up a survey dataset")


class CountsSerializer(serializers.Serializer):
    applications = _f(serializers.IntegerField(), "Applications ever made.", 3)
    engagements = _f(serializers.IntegerField(), "Engagements (accepted applications).", 2)
    completed_engagements = _f(serializers.IntegerField(), "Engagements completed.", 1)


class OutcomeCountsSerializer(serializers.Serializer):
    introduction = _f(serializers.IntegerField(), "Drafts that led to an introduction.", 1)
    referral = _f(serializers.IntegerField(), "Drafts that led to a referral.", 0)
    repeat_work = _f(serializers.IntegerField(), "Drafts that led to repeat work.", 1)
    job_offer = _f(serializers.IntegerField(), "Drafts that led to a job or internship offer.", 0)


class DatedOutcomeSerializer(serializers.Serializer):
    outcome = _f(
        serializers.ChoiceField(choices=["introduction", "referral", "repeat_work", "job_offer"]),
        "What the draft led to.",
        "referral",
    )
    reported_at = _f(
        serializers.DateTimeField(),
        "When it was first reported back (by the student or the mentor).",
        "2026-04-02T10:00:00Z",
    )


class StudentOutcomeSerializer(DatedOutcomeSerializer):
    engagement_id = _f(serializers.IntegerField(), "The engagement it came from.", 7)


class ConsentInfoSerializer(serializers.Serializer):
    scopes = _f(
        serializers.ListField(child=serializers.CharField()),
        "What the student agreed to share: participation, evaluations (labelled Ratings from "
        "mentors), stipend_amounts, outcomes.",
        ["participation", "evaluations"],
    )
    granted_at = _f(
        serializers.DateTimeField(), "When the current consent was given.", "2026-02-01T10:00:00Z"
    )


class StudentSerializer(serializers.Serializer):
    id = _f(
        serializers.CharField(),
        "The student's id for your institution: stable, and different at every institution.",
        "stu_3f9a0c1b2d4e5f607182",
    )
    name = _f(serializers.CharField(), "Display name.", "Lin Chen")
    programme = _f(
        serializers.CharField(allow_null=True),
        "Programme or major, if the student gave it.",
        "Economics",
    )
    class_year = _f(
        serializers.IntegerField(allow_null=True), "Class year, if the student gave it.", 2027
    )
    skills = _f(
        serializers.ListField(child=serializers.CharField()),
        "The student's skills, by name: those on their profile and those of the tasks they "
        "drafted on (part of the participation they share).",
        ["Data analysis", "Python"],
    )
    counts = CountsSerializer(help_text="Participation counts.")
    consent = ConsentInfoSerializer(help_text="The consent this data is shared under.")
    outcomes = OutcomeCountsSerializer(
        allow_null=True,
        help_text="Completed drafts that led to each outcome; null unless the student shares "
        "the `outcomes` scope.",
    )
    updated_at = _f(
        serializers.DateTimeField(),
        "Last change to anything shown here; compare with `updated_since`.",
        "2026-03-04T12:30:00Z",
    )


class StipendSerializer(serializers.Serializer):
    amount = _f(serializers.IntegerField(), "In the currency's minor unit (cents).", 25000)
    currency = _f(serializers.CharField(), "ISO 4217, lower case.", "usd")


class EngagementSerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The engagement's id.", 7)
    student_id = _f(
        serializers.CharField(),
        "The student's id for your institution.",
        "stu_3f9a0c1b2d4e5f607182",
    )
    student_name = _f(
        serializers.CharField(),
        "The student's name as they show it on their profile.",
        "Ada Park",
    )
    task = TaskRefSerializer(help_text="The task worked on.")
    state = _f(
        serializers.CharField(),
        "awaiting_funding, active, delivered, completed or cancelled.",
        "completed",
    )
    created_at = _f(
        serializers.DateTimeField(), "When the application was accepted.", "2026-02-10T09:00:00Z"
    )
    started_at = _f(
        serializers.DateTimeField(allow_null=True), "When work started.", "2026-02-11T09:00:00Z"
    )
    delivered_at = _f(
        serializers.DateTimeField(allow_null=True), "Last delivery.", "2026-02-20T09:00:00Z"
    )
    completed_at = _f(
        serializers.DateTimeField(allow_null=True),
        "When the mentor approved.",
        "2026-02-21T09:00:00Z",
    )
    cancelled_at = _f(serializers.DateTimeField(allow_null=True), "When it was cancelled.", None)
    hours = _f(serializers.IntegerField(), "The task's estimated hours.", 8)
    paid = _f(
        serializers.BooleanField(),
        'Whether the task pays a stipend: true is shown as "With stipend", false as "Unpaid".',
        True,
    )
    stipend = StipendSerializer(
        allow_null=True,
        help_text="The stipend, only with a stipend and if the student shares stipend amounts; "
        "else null.",
    )
    deliverable_count = _f(serializers.IntegerField(), "Deliverables handed in.", 2)
    competencies = _f(
        serializers.DictField(child=serializers.IntegerField(), allow_null=True),
        "Ratings from mentors: the mentor's 1-5 rating of each NACE career-readiness "
        'competency (pages show 4 as "4.0 / 5"); null unless the student shares the '
        "`evaluations` scope.",
        {"communication": 4, "teamwork": 5},
    )
    outcomes = DatedOutcomeSerializer(
        many=True,
        allow_null=True,
        help_text="What this draft led to, dated (empty until reported); null unless the "
        "student shares the `outcomes` scope.",
    )
    updated_at = _f(
        serializers.DateTimeField(), "Last change to anything shown here.", "2026-02-21T09:00:00Z"
    )


class ApplicationSerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The application's id.", 11)
    task = TaskRefSerializer(help_text="The task applied to.")
    state = _f(
        serializers.CharField(),
        "submitted, shortlisted, accepted, declined or withdrawn.",
        "accepted",
    )
    applied_at = _f(
        serializers.DateTimeField(), "When the student applied.", "2026-02-08T09:00:00Z"
    )
    updated_at = _f(serializers.DateTimeField(), "Last change of state.", "2026-02-10T09:00:00Z")


class ParticipationSerializer(serializers.Serializer):
    student = StudentSerializer(help_text="The student.")
    applications = ApplicationSerializer(many=True, help_text="Applications, oldest first.")
    engagements = EngagementSerializer(many=True, help_text="Engagements, oldest first.")
    outcomes = StudentOutcomeSerializer(
        many=True,
        allow_null=True,
        help_text="Every outcome of the student's drafts, oldest first; null unless the student "
        "shares the `outcomes` scope.",
    )


class FunnelSerializer(serializers.Serializer):
    applied = _f(serializers.IntegerField(), "Students who applied.", 30)
    engaged = _f(serializers.IntegerField(), "Students with an engagement.", 12)
    completed = _f(serializers.IntegerField(), "Students who completed a draft.", 9)
    outcome = _f(
        serializers.IntegerField(allow_null=True),
        "Students (sharing outcomes) whose draft led to an outcome; null under 5 sharing.",
        5,
    )


class ReportOutcomesSerializer(serializers.Serializer):
    introduction = _f(serializers.IntegerField(), "Drafts that led to an introduction.", 6)
    referral = _f(serializers.IntegerField(), "Drafts that led to a referral.", 3)
    repeat_work = _f(serializers.IntegerField(), "Drafts that led to repeat work.", 4)
    job_offer = _f(serializers.IntegerField(), "Drafts that led to a job or internship offer.", 2)


class ReportCellSerializer(serializers.Serializer):
    students = _f(
        serializers.IntegerField(allow_null=True), "Distinct students (null if suppressed).", 12
    )
    engagements = _f(serializers.IntegerField(allow_null=True), "Engagements.", 20)
    completed = _f(serializers.IntegerField(allow_null=True), "Engagements completed.", 15)
    completion_rate = _f(
        serializers.FloatField(allow_null=True), "completed ÷ engagements, 0-1.", 0.75
    )
    paid = _f(
        serializers.IntegerField(allow_null=True),
        'Engagements on tasks with a stipend ("With stipend").',
        9,
    )
    unpaid = _f(
        serializers.IntegerField(allow_null=True), 'Engagements on unpaid tasks ("Unpaid").', 11
    )
    hours = _f(serializers.IntegerField(allow_null=True), "Estimated hours, summed.", 160)
    stipend_totals = _f(
        serializers.DictField(child=serializers.IntegerField(), allow_null=True),
        "Stipends by currency in minor units; {} when no engagement here was paid; null "
        "(hidden) when some were but fewer than 5 of their students share amounts.",
        {"usd": 250000},
    )
    funnel = FunnelSerializer(
        allow_null=True, help_text="Students at each step (null when suppressed)."
    )
    outcomes = ReportOutcomesSerializer(
        allow_null=True,
        help_text="Drafts that led to each outcome; null unless 5+ students here share outcomes.",
    )
    suppressed = _f(
        serializers.BooleanField(),
        "True when fewer than 5 students take part here: its figures are hidden (null).",
        False,
    )


class ReportGroupSerializer(ReportCellSerializer):
    key = _f(
        serializers.CharField(),
        'The term, major, class year, skill or month (YYYY-MM); "Not given" for students who '
        "gave no programme or class year.",
        "2026 Spring",
    )


class TopSkillSerializer(serializers.Serializer):
    skill = _f(serializers.CharField(), "Skill name.", "Python")
    students = _f(serializers.IntegerField(), "Students who used it (5 or more).", 7)


class ReportSerializer(serializers.Serializer):
    date_from = _f(serializers.DateField(allow_null=True), "Start of the period.", "2026-01-01")
    to = _f(serializers.DateField(allow_null=True), "End of the period.", "2026-06-30")
    group_by = _f(serializers.CharField(allow_null=True), "How groups are formed.", "term")
    suppression_threshold = _f(
        serializers.IntegerField(),
        "A figure is hidden when fewer than this many students share what it counts.",
        5,
    )
    totals = ReportCellSerializer(
        help_text="Figures for all students who share participation, in the period. The same "
        "whatever `group_by` is (it depends only on from, to, term, major and class_year): the "
        "groups' engagements, completed, paid, unpaid and hours add up to it, bar hidden groups "
        "(by skill, an engagement on a task with two skills is in both); a student in two groups "
        "counts in each."
    )
    groups = ReportGroupSerializer(many=True, help_text="One cell per group.")
    top_skills = TopSkillSerializer(many=True, help_text="Up to 10 skills, most students first.")
    outcomes = ReportOutcomesSerializer(
        allow_null=True, help_text="The totals' outcomes (as in `totals.outcomes`)."
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("date_from")
        return fields


class ReportInputSerializer(serializers.Serializer):
    date_from = serializers.DateField(required=False, help_text="YYYY-MM-DD, inclusive.")
    to = serializers.DateField(required=False, help_text="YYYY-MM-DD, inclusive.")
    group_by = serializers.ChoiceField(choices=GROUP_BY, required=False, help_text="Group cells.")
    term = serializers.CharField(
        required=False, max_length=20, help_text='Only this term, e.g. "2026 Spring".'
    )
    major = serializers.CharField(
        required=False, max_length=160, help_text='Only this programme or major ("Not given").'
    )
    class_year = serializers.IntegerField(
        required=False, min_value=1900, max_value=2200, help_text="Only this class year."
    )


class FeaturedTaskSerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The feature's id.", 3)
    task = TaskRefSerializer(help_text="The featured task.")
    note = _f(
        serializers.CharField(allow_blank=True),
        "Why the office recommends it.",
        "Great first draft",
    )
    featured_by = _f(
        serializers.CharField(allow_null=True), "Staff member who featured it.", "Ana Ruiz"
    )
    active = _f(
        serializers.BooleanField(), "False once unfeatured (seen through updated_since).", True
    )
    created_at = _f(serializers.DateTimeField(), "When it was featured.", "2026-02-01T10:00:00Z")
    updated_at = _f(serializers.DateTimeField(), "Last change.", "2026-02-01T10:00:00Z")


@page_form("featured_task")
class FeaturedTaskInputSerializer(InputSerializer):
    task_id = _f(serializers.IntegerField(), "An open task to recommend to your students.", 42)
    note = _f(
        serializers.CharField(required=False, allow_blank=True, max_length=300, default=""),
        "Why your office recommends it (shown to staff).",
        "Great first draft for economics students",
    )


class ApiKeySerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The key's id.", 1)
    name = _f(serializers.CharField(), "What the key is for.", "Handshake sync")
    prefix = _f(serializers.CharField(), "The key's public prefix.", "a1b2c3d4")
    created_at = _f(serializers.DateTimeField(), "When it was made.", "2026-02-01T10:00:00Z")
    expires_at = _f(serializers.DateTimeField(allow_null=True), "When it stops working.", None)
    revoked_at = _f(serializers.DateTimeField(allow_null=True), "When it was revoked.", None)
    last_used_at = _f(serializers.DateTimeField(allow_null=True), "Last successful use.", None)
    usable = _f(serializers.BooleanField(), "Neither revoked nor expired.", True)


class IssuedApiKeySerializer(ApiKeySerializer):
    key = _f(
        serializers.CharField(),
        "The whole key. Shown once: store it now; Slipstream keeps only a hash.",
        "slk_a1b2c3d4.Zx…",
    )


@page_form("api_key")
class ApiKeyInputSerializer(InputSerializer):
    name = _f(serializers.CharField(max_length=80), "What the key is for.", "Handshake sync")
    expires_at = _f(
        serializers.DateTimeField(required=False, allow_null=True),
        "When the key stops working (optional; never if empty).",
        "2026-12-31T23:59:59Z",
    )


class StaffInviteInputSerializer(InputSerializer):
    email = _f(
        EmailAddressField(),
        "A colleague's verified address on Slipstream.",
        "lee@northfield.edu",
    )
    role = _f(
        serializers.ChoiceField(
            choices=InstitutionMembership.StaffRole.choices,
            default=InstitutionMembership.StaffRole.VIEWER,
        ),
        "admin (keys and colleagues) or viewer.",
        "viewer",
    )


class ColleagueSerializer(serializers.Serializer):
    id = _f(
        serializers.IntegerField(),
        "Their staff membership id (institution/staff/{id}/ to change or remove).",
        12,
    )
    name = _f(serializers.CharField(), "Display name.", "Ana Ruiz")
    email = _f(serializers.EmailField(), "Their address.", "ana@northfield.edu")
    role = _f(serializers.CharField(), "admin or viewer.", "admin")
    is_you = _f(serializers.BooleanField(), "This colleague is you (the signed-in person).", True)


class InstitutionSerializer(serializers.Serializer):
    slug = _f(serializers.CharField(), "The institution's short name.", "northfield-university")
    name = _f(serializers.CharField(), "Full name.", "Northfield University")
    email_domains = _f(
        serializers.ListField(child=serializers.CharField()),
        "Domains whose verified addresses make students members.",
        ["northfield.edu"],
    )
    viewer_role = _f(serializers.CharField(), "Your role: admin or viewer.", "admin")
    staff = ColleagueSerializer(many=True, help_text="Career-office staff.")


class ReportFiltersSerializer(serializers.Serializer):
    terms = _f(
        serializers.ListField(child=serializers.CharField()),
        "Terms with engagements.",
        ["2026 Spring"],
    )
    majors = _f(
        serializers.ListField(child=serializers.CharField()),
        "Majors students gave.",
        ["Economics"],
    )
    class_years = _f(
        serializers.ListField(child=serializers.IntegerField()),
        "Class years students gave.",
        [2027, 2028],
    )


class DisclosedBySerializer(serializers.Serializer):
    kind = _f(serializers.CharField(), "api_key or staff.", "api_key")
    name = _f(
        serializers.CharField(), "The key's name or the staff member's.", "Sync job (a1b2c3d4…)"
    )


class DisclosureSerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The log entry's id.", 90)
    at = _f(serializers.DateTimeField(), "When the data was disclosed.", "2026-03-04T12:30:00Z")
    by = DisclosedBySerializer(help_text="Who received it.")
    endpoint = _f(serializers.CharField(), "The request.", "/api/v1/careers/students/")
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    fields = _f(  # type: ignore[assignment]
        serializers.ListField(child=serializers.CharField()),
        "Which kinds of student data.",
        ["name", "skills"],
    )
    student_count = _f(
        serializers.IntegerField(),
        "How many students' data it held (0 for a downloaded summary whose every figure was "
        "hidden: it held none).",
        20,
    )
