"""Demo mentors open to offers, so /mentors/ shows real cards in `make run`: organisation, job
title, a confirmed work address (the card says "verified at ledgerline.demo", the domain only),
topics from the curated catalogue and a note on what they welcome. seed_demo calls this; it is
idempotent, and it goes through the real services (the work domain comes from a confirmed
address, as it does for everyone)."""

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import PortfolioItem, User
from accounts.services.profiles import profile_update, user_create
from accounts.services.skills import skill_propose
from accounts.services.work_email import profile_work_domain_refresh
from projects.offers.models import Offer, OfferSettings
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update

# Work domains end in .demo, a name no company holds: no real organisation is impersonated.
# `email` is the login of a mentor only this module makes; the two demo mentors of seed_demo
# (Maya, Leo) log in with their demo address and confirm a second, work address.
DEMO_OFFER_MENTORS: list[dict[str, Any]] = [
    {
        "email": "maya.mentor@demo.slipstream.local",
        "work_email": "maya@ledgerline.demo",
        "organisation": "Ledgerline",
        "job_title": "Principal product designer",
        "topics": ["Product design", "UX research", "Figma"],
        "note": "Small design tasks welcome: a usability review of one flow, a Figma "
        "clean-up, an interview synthesis. Show me one piece of work you are proud of.",
        "monthly_cap": 3,
    },
    {
        "email": "leo.mentor@demo.slipstream.local",
        "work_email": "leo@valleycourier.demo",
        "organisation": "Valley Courier",
        "job_title": "Data editor",
        "topics": ["Data journalism", "Data visualisation", "Python"],
        "note": "Offer me a chart, a fact-check or a scraper for public data. I reply within "
        "a week and always say why if it is a no.",
        "monthly_cap": 2,
    },
    {
        "email": "kwame@harbourcloud.demo",
        "display_name": "Kwame Mensah",
        "headline": "Engineering manager, platform team",
        "organisation": "Harbour Cloud",
        "job_title": "Engineering manager",
        "topics": ["Kubernetes", "PostgreSQL", "Python"],
        "note": "I like offers that fix one small, real thing: a flaky test, a slow query, a "
        "missing runbook. Link the code you have written.",
        "monthly_cap": 4,
    },
    {
        "email": "lucia@fieldnote.demo",
        "display_name": "Lucía Ortega",
        "headline": "Head of marketing at a coffee roaster",
        "organisation": "Fieldnote Coffee",
        "job_title": "Head of marketing",
        "topics": ["Content marketing", "Email marketing", "Copywriting"],
        "note": "A newsletter draft, three product descriptions, a month of social posts: "
        "offer something I can publish, and you get the byline.",
        "monthly_cap": 3,
    },
    {
        "email": "hannah@civiclab.demo",
        "display_name": "Hannah Kim",
        "headline": "Research director at a civic-tech lab",
        "organisation": "Civic Lab",
        "job_title": "Research director",
        "topics": ["UX research", "Survey analysis", "Interviewing"],
        "note": "Research helpers welcome: coding interview notes, cleaning a survey, a "
        "literature scan. Tell me what you would deliver by when.",
        "monthly_cap": 2,
    },
]


def _work_address_confirmed(user: User, email: str) -> None:
    if not EmailAddress.objects.filter(user=user, email=email).exists():
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=False)
    profile_work_domain_refresh(user=user)


def seed_mentors_open_to_offers(*, password: str) -> list[User]:
    """Open each demo mentor to offers (once: a mentor who changed their settings keeps them)."""
    mentors = []
    for spec in DEMO_OFFER_MENTORS:
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = user_create(
                email=spec["email"],
                password=password,
                display_name=spec["display_name"],
                email_verified=True,
            )
            profile_update(
                user=user,
                data={
                    "headline": spec["headline"],
                    "wants_to_mentor": True,
                    "wants_to_draft": False,
                    "onboarding_completed": True,
                },
            )
        profile_update(
            user=user, data={"organisation": spec["organisation"], "job_title": spec["job_title"]}
        )
        _work_address_confirmed(user, spec.get("work_email", spec["email"]))
        if not OfferSettings.objects.filter(mentor=user).exists():
            topic_ids = [skill_propose(user=user, name=name)[0].pk for name in spec["topics"]]
            offer_settings_update(
                mentor=user,
                data={"is_open": True, "monthly_cap": spec["monthly_cap"], "note": spec["note"]},
                topic_ids=topic_ids,
            )
        mentors.append(user)
    return mentors


def seed_waiting_offer() -> None:
    """One offer from Sam waiting for Maya's answer, so a fresh demo shows a received offer on
    her dashboard and /offers/. Sent once: if Sam ever offered Maya anything, nothing is added
    (an answered demo offer is not re-sent on the next `make run`)."""
    maya = User.objects.filter(email="maya.mentor@demo.slipstream.local").first()
    sam = User.objects.filter(email="sam.drafter@demo.slipstream.local").first()
    if maya is None or sam is None or Offer.objects.filter(mentor=maya, drafter=sam).exists():
        return
    item = PortfolioItem.objects.filter(owner=sam).order_by("id").first()
    offer_create(
        mentor_handle=maya.profile.handle,
        drafter=sam,
        title="Synthesise five user interviews into a findings board",
        what="I will code your five onboarding interviews, group the quotes into themes on a "
        "Figma board in your template, and write the three findings I would act on first.",
        estimated_hours=6,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        work_sample_link="" if item else "https://example.org/sam-rivera/interviews",
        portfolio_item_ids=[item.pk] if item else [],
    )
