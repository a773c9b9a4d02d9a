"""The summary report: its input, its filters and the documented shape of its groups."""

from rest_framework import serializers

from projects.careers.api.serializers.documented import documented as _f
from projects.careers.selectors.reports import GROUP_BY


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
