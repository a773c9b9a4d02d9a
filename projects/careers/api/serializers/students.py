"""The documented shape of the students and engagements lists (each student's consented parts)."""

from rest_framework import serializers

from projects.careers.api.serializers.documented import documented as _f


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
