"""Career-office pages the server fills itself: /for-career-offices/ shows a sample dashboard
whose figures must be the demo institution's real ones, so they are read at render time."""

from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.views.generic import TemplateView

from projects.careers.selectors.reports import SUPPRESSION_THRESHOLD
from projects.careers.selectors.sample import careers_sample_dashboard


class ForCareerOfficesPage(TemplateView):
    """/for-career-offices/: what an office gets, the sample dashboard, how approval works."""

    template_name = "frontend/for_career_offices.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sample = careers_sample_dashboard()
        totals = sample["totals"]
        funnel = totals["funnel"] or {}
        rate = totals["completion_rate"]
        return {
            **super().get_context_data(**kwargs),
            # The site's own sender address, as on /careers/.
            "career_office_contact": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
            "threshold": SUPPRESSION_THRESHOLD,
            "sample": sample,
            "sample_rate": None if rate is None else round(rate * 100),
            "sample_funnel": [
                ("Applied", funnel.get("applied")),
                ("Engaged", funnel.get("engaged")),
                ("Completed", funnel.get("completed")),
                ("Outcome reported", funnel.get("outcome")),
            ],
        }
