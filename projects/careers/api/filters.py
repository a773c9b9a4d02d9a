"""The query parameters of careers/engagements/ and careers/students/: the dashboard's lists
filter on the server (the page's term, programme and class year for both; status, paid, a date
range and a student's name for engagements), so a page of 25 is the 25 that match, and a
filtered view is a URL staff can bookmark or share."""

from typing import Any

from rest_framework import serializers

from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form
from projects.careers.selectors.student_cohort import TERM_HELP, TERM_PATTERN
from projects.models import Engagement


class CohortFilterSerializer(InputSerializer):
    """The dashboard's "Show figures for": a term, a programme, a class year."""

    term = serializers.CharField(
        required=False,
        max_length=11,
        help_text='Only what happened in this term, e.g. "2026 Fall" (Spring: January to May, '
        "Summer: June to August, Fall: September to December, UTC; as in reports/filters/ "
        '"terms").',
    )
    programme = serializers.CharField(
        required=False,
        max_length=160,
        help_text='Only students of this programme or major (as in reports/filters/ "majors").',
    )
    class_year = serializers.IntegerField(
        required=False, min_value=1900, max_value=2200, help_text="Only students of this class."
    )

    def validate_term(self, value: str) -> str:
        if not TERM_PATTERN.match(value):
            raise serializers.ValidationError(TERM_HELP)
        return value


class StudentFilterSerializer(CohortFilterSerializer):
    """careers/students/: students of the programme and class year who applied or began an
    engagement in the term."""


@page_form("careers_engagement_filter")
class EngagementFilterSerializer(CohortFilterSerializer):
    state = serializers.ChoiceField(
        choices=Engagement.State.choices,
        required=False,
        help_text="Only engagements in this state.",
    )
    paid = serializers.BooleanField(
        required=False,
        default=None,
        allow_null=True,
        help_text='true: only tasks with a stipend ("With stipend"); false: only unpaid tasks '
        '("Unpaid").',
    )
    created_from = serializers.DateField(
        required=False,
        help_text="Only engagements begun (offer accepted) on or after this day, YYYY-MM-DD (UTC).",
    )
    created_to = serializers.DateField(
        required=False,
        help_text="Only engagements begun on or before this day, YYYY-MM-DD (UTC).",
    )
    student = serializers.CharField(
        required=False,
        min_length=2,
        max_length=80,
        help_text="Only students whose name contains this text (case-insensitive).",
    )

    def validate_student(self, value: str) -> str:
        value = value.strip()
        if len(value) < 2:
            raise serializers.ValidationError("Type at least 2 letters of the student's name.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("created_from"), attrs.get("created_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"created_to": "The end date is before the start date."}
            )
        return attrs
