"""The vocabulary of the careers summary table, shared by its writer (services/summary.py) and
its readers (selectors, access): counters, cell keys, terms and the stored student ids."""

from datetime import date

from django.utils.crypto import salted_hmac

from projects.models import ReportBack

# Counters of a cell that are sums of 0/1 "this student is in it" flags or engagement counts.
COUNTERS = (
    "students",
    "applied_students",
    "completed_students",
    "outcome_students",
    "stipend_students",
    "outcome_sharing_students",
    "engagements",
    "completed",
    "paid",
    "unpaid",
    "hours",
    "introductions",
    "referrals",
    "repeat_work",
    "job_offers",
)
OUTCOME_COUNTERS: dict[str, str] = {
    ReportBack.Outcome.INTRODUCTION: "introductions",
    ReportBack.Outcome.REFERRAL: "referrals",
    ReportBack.Outcome.REPEAT_WORK: "repeat_work",
    ReportBack.Outcome.JOB_OFFER: "job_offers",
}
# The skill key of engagements on tasks that list no skill (a group of its own in group_by=skill).
NO_SKILL = "(none)"
KEY_FIELDS = ("grain", "period", "programme", "class_year", "skill")
Key = tuple[str, str, str, int, str]


def term_of(day: date) -> str:
    """Academic terms as most US offices report them: Spring (Jan-May), Summer (Jun-Aug),
    Fall (Sep-Dec)."""
    season = "Spring" if day.month <= 5 else "Summer" if day.month <= 8 else "Fall"
    return f"{day.year} {season}"


def student_public_id_make(*, institution_id: int, user_id: int) -> str:
    """A student's id for one institution, made once and stored on CareersStudent: stable for
    the institution, different at every other one (an HMAC under the site's secret)."""
    digest = salted_hmac(
        "slipstream.careers.student", f"{institution_id}:{user_id}", algorithm="sha256"
    ).hexdigest()
    return f"stu_{digest[:20]}"
