"""A mentor's impact letter: the monthly e-mail (text and HTML parts), and the opt-in that
shows the pay-it-forward chain's size on their public profile."""

from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from accounts.tasks import send_html_email
from projects.models import Engagement, ImpactLetter, ImpactSettings
from projects.people import display_name
from projects.selectors.impact import impact_for_mentor


def impact_settings_update(*, mentor: User, show_chain_publicly: bool) -> ImpactSettings:
    found, _ = ImpactSettings.objects.update_or_create(
        mentor=mentor, defaults={"show_chain_publicly": show_chain_publicly}
    )
    return found


def _month_bounds(now: datetime) -> tuple[date, date]:
    """The calendar month before `now` (the letter of the 1st covers the month just ended)."""
    this_month = timezone.localdate(now).replace(day=1)
    previous = (this_month.replace(day=1) - date.resolution).replace(day=1)
    return previous, this_month


def impact_letter_render(*, mentor: User, month: date, until: date) -> dict[str, str]:
    """Subject, text and HTML of one mentor's letter for `month` (totals to date, with what
    the month brought: shared report-backs and thanks)."""
    everything = impact_for_mentor(mentor=mentor)
    this_month = impact_for_mentor(mentor=mentor, since=month, until=until)
    context = {
        "name": display_name(mentor),
        "month": month,
        "impact": everything,
        "what_next": [row for row in this_month["drafters"] if row["what_next"]],
        "thanks": this_month["thanks"],
        "impact_url": f"{settings.SITE_URL}/impact/",
    }
    return {
        "subject": f"Slipstream: your impact in {month:%B %Y}",
        "text": render_to_string("projects/email/impact_letter.txt", context),
        "html": render_to_string("projects/email/impact_letter.html", context),
    }


def impact_letters_send(*, now: datetime | None = None) -> int:
    """Send each mentor with a completed draft the letter of the month just ended, once: the
    ImpactLetter row (unique per mentor and month) is written in the transaction that enqueues
    the e-mail, so a rerun — or a second scheduler — sends nothing twice."""
    month, until = _month_bounds(now or timezone.now())
    mentor_ids = (
        Engagement.objects.filter(state=Engagement.State.COMPLETED, completed_at__date__lt=until)
        .values_list("mentor_id", flat=True)
        .distinct()
    )
    already = set(ImpactLetter.objects.filter(month=month).values_list("mentor_id", flat=True))
    sent = 0
    mentors = User.objects.filter(pk__in=mentor_ids, is_active=True).select_related("profile")
    for mentor in mentors.exclude(pk__in=already).order_by("pk"):
        try:
            with transaction.atomic():
                ImpactLetter.objects.create(mentor=mentor, month=month)
                letter = impact_letter_render(mentor=mentor, month=month, until=until)
                transaction.on_commit(partial(send_html_email.enqueue, to=mentor.email, **letter))
        except IntegrityError:
            continue  # another run wrote this month's letter first
        sent += 1
    return sent
