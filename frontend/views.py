"""Page shells. Pages get their data from /api/v1/; nothing here imports other apps' models."""

from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.generic import TemplateView

from accounts.skill_families import SKILL_FAMILIES, SKILL_FAMILY_LABELS


class HomePage(TemplateView):
    template_name = "frontend/home.html"


class WelcomePage(LoginRequiredMixin, TemplateView):
    """The onboarding wizard: profile → skills → first portfolio item."""

    template_name = "frontend/welcome.html"


class SettingsPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/settings.html"


class PortfolioSettingsPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/portfolio.html"


class InstitutionsSettingsPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/institutions.html"


class PublicProfilePage(TemplateView):
    """/u/<handle>/: the shell; profile.js fetches the profile and says 'not found' itself."""

    template_name = "frontend/profile.html"


class PayoutSettingsPage(LoginRequiredMixin, TemplateView):
    """The drafter's Stripe payout setup (data: /api/v1/me/payouts/onboarding/)."""

    template_name = "frontend/payout_settings.html"


class LedgerPage(LoginRequiredMixin, TemplateView):
    """Money in and out for the signed-in person (data: /api/v1/me/ledger/)."""

    template_name = "frontend/ledger.html"


class TaskBrowsePage(TemplateView):
    template_name = "frontend/tasks_browse.html"


class TaskPage(TemplateView):
    template_name = "frontend/task_detail.html"


class TaskEditorPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/task_editor.html"


class ApplicationPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/application.html"


class EngagementPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/engagement.html"


class NotificationsPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/notifications.html"


class ForYouPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/for_you.html"


class MessagesPage(LoginRequiredMixin, TemplateView):
    """Every conversation the person is in, newest first (data: /api/v1/me/threads/)."""

    template_name = "frontend/messages.html"


def career_office_contact() -> str:
    """The address offices write to about approval: the site's own sender address."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


class CareersPage(LoginRequiredMixin, TemplateView):
    """The career-office dashboard (data: /api/v1/institutions/ and /api/v1/careers/)."""

    template_name = "frontend/careers.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "career_office_contact": career_office_contact(),
        }


class InvitationsPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/invitations.html"


class SavedSearchesPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/saved_searches.html"


class NotificationSettingsPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/notification_settings.html"


class ReportBackPage(LoginRequiredMixin, TemplateView):
    template_name = "frontend/report_back.html"


class CareersStudentPage(LoginRequiredMixin, TemplateView):
    """One consenting student's participation, for the office (careers/students/{id}/...)."""

    template_name = "frontend/careers_student.html"


class CareersJoinPage(TemplateView):
    """A colleague's invitation link (data: GET /api/v1/staff-invitations/<token>/): signed
    out, it says who invited whom and offers sign-up or login (`?next=` back here); signed in,
    one button accepts it (never on page load alone)."""

    template_name = "frontend/careers_join.html"


class UnsubscribePage(TemplateView):
    """One click from a digest e-mail: no sign-in needed, the link is signed."""

    template_name = "frontend/unsubscribe.html"


@method_decorator(ensure_csrf_cookie, name="dispatch")
class VerifyPage(TemplateView):
    """/verify/: anyone checks a credential (verify.js posts it to the API)."""

    template_name = "frontend/verify.html"


class MentorsPage(TemplateView):
    """Mentors open to offers (data: /api/v1/mentors/)."""

    template_name = "frontend/mentors.html"


class OfferFormPage(LoginRequiredMixin, TemplateView):
    """The offer form, which teaches the etiquette (data: /api/v1/mentors/?handle=, POST
    /api/v1/mentors/<handle>/offers/)."""

    template_name = "frontend/offer_form.html"


class OffersPage(LoginRequiredMixin, TemplateView):
    """Offers sent and received (data: /api/v1/me/offers/)."""

    template_name = "frontend/offers.html"


class OfferPage(LoginRequiredMixin, TemplateView):
    """One offer, its thread and its answers (data: /api/v1/offers/<id>/)."""

    template_name = "frontend/offer.html"


class CirclesPage(LoginRequiredMixin, TemplateView):
    """Peer critique circles: suggested, all, join, host (data: /api/v1/circles/)."""

    template_name = "frontend/circles.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        families = [(slug, SKILL_FAMILY_LABELS[slug]) for slug in SKILL_FAMILIES]
        return {**super().get_context_data(**kwargs), "families": families}


class CirclePage(LoginRequiredMixin, TemplateView):
    """One circle for its members (data: /api/v1/circles/<id>/)."""

    template_name = "frontend/circle.html"


class ImpactPage(LoginRequiredMixin, TemplateView):
    """A mentor's impact: what former drafters did next, thanks, the chain (/api/v1/me/impact/)."""

    template_name = "frontend/impact.html"


class CareersSettingsPage(LoginRequiredMixin, TemplateView):
    """/careers/settings/: the office's settings apart from the dashboard's figures (data:
    /api/v1/institutions/ and /api/v1/careers/); the API decides who sees what, as on /careers/."""

    template_name = "frontend/careers_settings.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "career_office_contact": career_office_contact(),
        }
