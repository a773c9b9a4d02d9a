"""The e-mail a mentor gets when a drafter offers to help: a letter in the confirmation e-mail's
layout (HTML with a plain-text part), not the bare notification text."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.formats import date_format

from accounts.email_headers import header_text
from accounts.models import User
from accounts.tasks import send_html_email
from projects.offers.models import Offer
from projects.people import display_name


def offer_received_mail_send(
    *, offer: Offer, mentor: User, drafter: User, subject: str, expiry_days: int
) -> None:
    """After commit, e-mail `mentor` the offer's summary and an "Open the offer" button."""
    if not mentor.is_active:
        return
    first_name = (mentor.profile.display_name or "").split(" ")[0]
    context = {
        "first_name": first_name,
        "drafter_name": display_name(drafter),
        "title": offer.title,
        "what": offer.what,
        "hours": offer.estimated_hours,
        "by_when": date_format(offer.by_when),
        "work_count": offer.portfolio_items.count(),
        "expiry_days": expiry_days,
        "offer_url": f"{settings.SITE_URL}/offers/{offer.pk}/",
        "site_url": settings.SITE_URL,
    }
    message = {
        "subject": header_text(subject),
        "text": render_to_string("offers/email/offer_received.txt", context),
        "html": render_to_string("offers/email/offer_received.html", context),
    }
    transaction.on_commit(lambda: send_html_email.enqueue(to=mentor.email, **message))
