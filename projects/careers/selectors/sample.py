"""The sample dashboard on /for-career-offices/: the demo institution's real figures, read
through the dashboard's own report selector (so the sample can never disagree with /careers/),
cached briefly. Without a demo institution (a site that never ran seed_demo) a fixed sample
that follows the same hiding rule."""

from typing import Any

from django.core.cache import cache

from accounts.models import Institution
from projects.careers.access import CareersAccess
from projects.careers.selectors.reports import SUPPRESSION_THRESHOLD, careers_report_summary

SAMPLE_SLUG = "riverbend-university"  # the demo institution seed_demo creates
_CACHE_KEY = "careers:sample-dashboard:v1"
_CACHE_SECONDS = 600

# Shown only where no demo institution exists: consistent with the rule (7 taking part, so the
# figures show; 5 share outcomes, so the outcome count shows even though it is under 5).
FIXED_SAMPLE: dict[str, Any] = {
    "institution": "Riverbend University",
    "totals": {
        "students": 7,
        "engagements": 14,
        "completion_rate": 0.357,
        "paid": 7,
        "unpaid": 7,
        "suppressed": False,
        "funnel": {"applied": 7, "engaged": 7, "completed": 5, "outcome": 4},
    },
    "programmes": [
        {"key": "Computer Science", "students": None},
        {"key": "Design", "students": None},
        {"key": "Economics", "students": None},
    ],
}


def careers_sample_dashboard() -> dict[str, Any]:
    """{"institution", "totals" (the summary's), "programmes" ([{key, students or None}])}."""
    found = cache.get(_CACHE_KEY)
    if found is not None:
        return found
    institution = Institution.objects.filter(slug=SAMPLE_SLUG).first()
    if institution is None:
        return FIXED_SAMPLE
    access = CareersAccess(institution=institution)
    report, _ = careers_report_summary(access=access)
    by_major, _ = careers_report_summary(access=access, group_by="major")
    sample = {
        "institution": institution.name,
        "totals": report["totals"],
        "programmes": [
            {"key": g["key"], "students": None if g["suppressed"] else g["students"]}
            for g in by_major["groups"]
        ],
    }
    cache.set(_CACHE_KEY, sample, _CACHE_SECONDS)
    return sample


__all__ = ["SUPPRESSION_THRESHOLD", "careers_sample_dashboard"]
