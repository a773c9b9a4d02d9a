"""Idempotent demo data for `make run`: a few mentors and drafters, printed logins."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils.text import slugify

from accounts.models import Institution, PortfolioItem, Skill, User, UserSkill
from accounts.services.preferences import notification_preferences_update
from accounts.services.profiles import profile_update, user_create
from accounts.services.skills import skill_propose, user_skills_set
from projects.management.demo_career_office import (
    CAREERS_SLUG,
    CAREERS_STAFF_EMAIL,
    seed_career_office,
)
from projects.management.demo_circles import seed_demo_circles
from projects.management.demo_cohorts import seed_demo_cohorts
from projects.management.demo_maya import seed_maya_profile
from projects.management.demo_mentors import (
    DEMO_OFFER_MENTORS,
    seed_mentors_open_to_offers,
    seed_waiting_offer,
)
from projects.management.demo_tasks import seed_demo_credentials, seed_task_mix
from projects.models import Application, SavedSearch, Task
from projects.services.applications import (
    application_accept,
    application_create,
    application_shortlist,
)
from projects.services.conversations import message_send
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.feedback import feedback_submit, thanks_send, thanks_set_shown
from projects.services.saved_searches import saved_search_create
from projects.services.tasks import (
    TASK_FIELDS,
    task_archive,
    task_cancel,
    task_close,
    task_create,
    task_publish,
)

DEMO_PASSWORD = "slipstream-demo"  # noqa: S105 — printed on purpose: local demo accounts only

DEMO_PEOPLE: list[dict[str, Any]] = [
    {
        "email": "maya.mentor@demo.slipstream.local",
        "display_name": "Maya Okafor",
        "headline": "Product designer, 12 years in fintech",
        "wants_to_mentor": True,
        "wants_to_draft": False,
    },
    {
        "email": "leo.mentor@demo.slipstream.local",
        "display_name": "Leo Brandt",
        "headline": "Data journalist at a regional newsroom",
        "wants_to_mentor": True,
        "wants_to_draft": False,
    },
    {
        "email": "sam.drafter@demo.slipstream.local",
        "display_name": "Sam Rivera",
        "headline": "Design student, loves research interviews",
        "wants_to_mentor": False,
        "wants_to_draft": True,
    },
    {
        "email": "ana.drafter@demo.slipstream.local",
        "display_name": "Ana Petrova",
        "headline": "Career changer: accountant turning data analyst",
        "wants_to_mentor": False,
        "wants_to_draft": True,
    },
]


_NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


class Command(BaseCommand):
    help = "Create demo mentors and drafters (safe to run repeatedly)."

    def handle(self, *args, **options) -> None:
        # The demo runs through the real services, which e-mail each notification; nobody
        # reads a demo inbox, so those e-mails go nowhere (the in-app notifications stay).
        with override_settings(MAILERS=_NO_MAIL), transaction.atomic():
            for person in DEMO_PEOPLE:
                self._ensure_person(person)
            if not Task.objects.filter(mentor__email__endswith="@demo.slipstream.local").exists():
                self._seed_marketplace()
            if not Institution.objects.filter(slug=CAREERS_SLUG).exists():
                seed_career_office(password=DEMO_PASSWORD)
            seed_demo_cohorts(password=DEMO_PASSWORD)
            self._seed_matching()
            seed_mentors_open_to_offers(password=DEMO_PASSWORD)
            seed_maya_profile()
            seed_waiting_offer()
            seed_task_mix()
            seed_demo_circles()
            seed_demo_credentials()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ as:"))
        for person in DEMO_PEOPLE:
            role = "mentor " if person["wants_to_mentor"] else "drafter"
            self.stdout.write(f"  {role}  {person['email']}  /  {DEMO_PASSWORD}")
        self.stdout.write(f"  careers  {CAREERS_STAFF_EMAIL}  /  {DEMO_PASSWORD}  (/careers/)")
        for spec in DEMO_OFFER_MENTORS:
            if "display_name" in spec:  # made here, not one of DEMO_PEOPLE
                self.stdout.write(f"  mentor   {spec['email']}  /  {DEMO_PASSWORD}  (/mentors/)")

    def _ensure_person(self, person: dict) -> User:
        user = User.objects.filter(email=person["email"]).first()
        if user is None:
            user = user_create(
                email=person["email"],
                password=DEMO_PASSWORD,
                display_name=person["display_name"],
                email_verified=True,
            )
        profile_update(
            user=user,
            data={k: person[k] for k in ("headline", "wants_to_mentor", "wants_to_draft")}
            # Demo people are set up already: logging in as one opens the app, not the wizard.
            | {"onboarding_completed": True},
        )
        return user

    def _seed_matching(self) -> None:
        """Skills, hours, discoverability and a saved search for the demo drafters, and two
        open tasks they have not applied to yet, so "For you" has something to show."""
        for spec in DEMO_MATCHING_TASKS:
            mentor = User.objects.get(email=f"{spec['mentor']}.mentor@demo.slipstream.local")
            if Task.objects.filter(mentor=mentor, title=spec["title"]).exists():
                continue
            skill_ids = [skill_propose(user=mentor, name=n)[0].pk for n in spec["skills"]]
            data = {k: v for k, v in spec.items() if k in TASK_FIELDS}
            task = task_create(mentor=mentor, data=data, skill_ids=skill_ids)
            task_publish(task_id=task.pk, mentor=mentor)
        for key, spec in DEMO_MATCHING.items():
            user = User.objects.get(email=f"{key}.drafter@demo.slipstream.local")
            profile_update(user=user, data={"weekly_hours": spec["hours"]})
            # Keep skills the person already has (an endorsement from the marketplace seed
            # made one theirs): replacing them would undo it and leave the profile half done.
            items = [
                {"skill_id": us.skill_id, "level": us.level}
                for us in UserSkill.objects.filter(user=user)
            ]
            items += [
                {"skill_id": skill_propose(user=user, name=name)[0].pk, "level": level}
                for name, level in spec["skills"].items()
            ]
            items = list({item["skill_id"]: item for item in items}.values())
            user_skills_set(user=user, items=items)
            notification_preferences_update(user=user, discoverable=True)
            if key == "ana" and not SavedSearch.objects.filter(user=user).exists():
                saved_search_create(user=user, name="Python data tasks", query={"q": "python"})

    def _seed_marketplace(self) -> None:
        """Tasks in every state, applications, and engagements at each step — all made through
        the same services the API uses, so the demo obeys every rule."""
        people = {p["email"].split(".")[0]: User.objects.get(email=p["email"]) for p in DEMO_PEOPLE}
        maya, leo, sam, ana = people["maya"], people["leo"], people["sam"], people["ana"]
        skills = {
            name: Skill.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in DEMO_SKILLS
        }
        sam_item = PortfolioItem.objects.create(
            owner=sam,
            title="Usability study of a campus app",
            description="Five interviews, affinity map and a short report.",
            link="https://example.org/sam/usability-study",
        )
        ana_item = PortfolioItem.objects.create(
            owner=ana,
            title="Budget dashboard in Python",
            description="Cleaned five years of council spending and charted it.",
            link="https://example.org/ana/budget-dashboard",
        )
        made = {}
        for spec in DEMO_TASKS:
            mentor = maya if spec["mentor"] == "maya" else leo
            data = {k: v for k, v in spec.items() if k in TASK_FIELDS}
            task = task_create(
                mentor=mentor, data=data, skill_ids=[skills[n].pk for n in spec["skills"]]
            )
            if spec["state"] != "draft":
                task_publish(task_id=task.pk, mentor=mentor)
            made[spec["key"]] = task

        def apply(key: str, drafter: User, item: PortfolioItem) -> Application:
            return application_create(
                task_id=made[key].pk,
                drafter=drafter,
                note="I would start from the brief and share a first pass within two days.",
                portfolio_item_ids=[item.pk],
                answers=["Yes." for _ in made[key].questions],
            )

        # Open tasks with fresh and shortlisted applications.
        apply("research", sam, sam_item)
        shortlisted = apply("charts", ana, ana_item)
        application_shortlist(application_id=shortlisted.pk, mentor=leo)
        # An active engagement, and one delivered and waiting for review.
        active = apply("onboarding", sam, sam_item)
        application_accept(application_id=active.pk, mentor=maya)
        delivered = apply("cleanup", ana, ana_item)
        engagement = application_accept(application_id=delivered.pk, mentor=leo)
        engagement_deliver(
            engagement_id=engagement.pk,
            drafter=ana,
            link="https://example.org/ana/clean-dataset",
            note="Cleaned and documented; see the README for the choices I made.",
        )
        # A paid task waiting for its stipend.
        paid = apply("paid", sam, sam_item)
        application_accept(application_id=paid.pk, mentor=leo)
        # A completed engagement with feedback and thanks on both sides.
        done = apply("audit", sam, sam_item)
        finished = application_accept(application_id=done.pk, mentor=maya)
        message_send(
            sender=maya, engagement_id=finished.pk, body="Welcome! The audit notes are attached."
        )
        message_send(sender=sam, engagement_id=finished.pk, body="Thanks, starting now.")
        engagement_deliver(
            engagement_id=finished.pk, drafter=sam, link="https://example.org/sam/audit"
        )
        engagement_approve(engagement_id=finished.pk, mentor=maya)
        feedback_submit(
            engagement_id=finished.pk,
            author=maya,
            rating=5,
            text="Clear, careful and on time.",
            competencies={"communication": 5, "critical_thinking": 4, "professionalism": 5},
            endorsed_skill_ids=[skills["User research"].pk],
            endorsement="Sam ran a sharp, well-documented accessibility audit.",
        )
        feedback_submit(
            engagement_id=finished.pk, author=sam, rating=5, text="Generous with her time."
        )
        note = thanks_send(
            engagement_id=finished.pk, sender=sam, body="Thank you for trusting me with this!"
        )
        thanks_set_shown(thanks_id=note.pk, receiver=maya, shown=True)
        # Closed, cancelled and archived tasks, for a complete picture.
        task_close(task_id=made["closed"].pk, mentor=leo)
        task_cancel(task_id=made["cancelled"].pk, mentor=maya)
        task_close(task_id=made["archived"].pk, mentor=maya)
        task_archive(task_id=made["archived"].pk, mentor=maya)


DEMO_SKILLS = [
    "User research",
    "Figma",
    "Python",
    "Data analysis",
    "Copywriting",
    "Accessibility",
    "Spreadsheets",
]
_GAIN = "A reference, a portfolio piece and an hour of career advice."
# Deadlines a few weeks out from the day the demo is seeded, so cards show real dates.
_SOON = datetime.date.today() + datetime.timedelta(days=21)
_LATER = datetime.date.today() + datetime.timedelta(days=45)
DEMO_TASKS: list[dict[str, Any]] = [
    {
        "key": "research",
        "mentor": "maya",
        "state": "open",
        "title": "Run five user interviews for a savings app",
        "description": "We are testing a **round-up savings** feature. Recruit and interview "
        "five people, then summarise what surprised you.",
        "skills": ["User research"],
        "estimated_hours": 10,
        "what_you_gain": _GAIN,
        "questions": ["Have you interviewed users before?"],
    },
    {
        "key": "charts",
        "mentor": "leo",
        "state": "open",
        "title": "Chart ten years of local rainfall",
        "description": "Turn a CSV from the weather service into three clear charts for a story.",
        "skills": ["Python", "Data analysis"],
        "estimated_hours": 6,
        "deadline": _SOON,
        "stipend_amount": 15000,
        "what_you_gain": "A byline credit for the charts and a reference letter.",
    },
    {
        "key": "onboarding",
        "mentor": "maya",
        "state": "open",
        "title": "Rewrite onboarding copy for a budgeting tool",
        "description": "Five screens of copy need a friendlier, plainer voice.",
        "skills": ["Copywriting"],
        "estimated_hours": 4,
        "deadline": _SOON,
        "slots": 2,
        "what_you_gain": _GAIN,
        "level": "beginner_friendly",
    },
    {
        "key": "cleanup",
        "mentor": "leo",
        "state": "open",
        "title": "Clean a spreadsheet of council spending",
        "description": "Fix dates, merge duplicate suppliers and document each step.",
        "skills": ["Spreadsheets", "Data analysis"],
        "estimated_hours": 8,
        "slots": 2,
        "what_you_gain": "Credit in the published story and a reference.",
    },
    {
        "key": "paid",
        "mentor": "leo",
        "state": "open",
        "title": "Fact-check a long-read on housing",
        "description": "Check 40 claims against their sources and flag anything shaky.",
        "skills": ["Data analysis"],
        "estimated_hours": 12,
        "deadline": _LATER,
        "stipend_amount": 30000,
        "what_you_gain": _GAIN,
        "level": "experienced",
    },
    {
        "key": "audit",
        "mentor": "maya",
        "state": "open",
        "title": "Accessibility audit of a checkout flow",
        "description": "Walk the checkout with a screen reader and list every barrier.",
        "skills": ["Accessibility", "User research"],
        "estimated_hours": 6,
        "slots": 3,
        "what_you_gain": _GAIN,
    },
    {
        "key": "closed",
        "mentor": "leo",
        "state": "open",
        "title": "Transcribe three interviews",
        "description": "Clean transcripts with timestamps.",
        "skills": ["Copywriting"],
        "estimated_hours": 3,
        "what_you_gain": "Credit in the piece.",
    },
    {
        "key": "cancelled",
        "mentor": "maya",
        "state": "open",
        "title": "Sketch icons for a settings page",
        "description": "Twelve icons in the existing style.",
        "skills": ["Figma"],
        "estimated_hours": 5,
        "what_you_gain": _GAIN,
    },
    {
        "key": "archived",
        "mentor": "maya",
        "state": "open",
        "title": "Review a design-system changelog",
        "description": "Spot breaking changes the notes forgot to mention.",
        "skills": ["Figma"],
        "estimated_hours": 2,
        "what_you_gain": _GAIN,
    },
    {
        "key": "draft",
        "mentor": "maya",
        "state": "draft",
        "title": "Map the competitors of a pension app",
        "description": "A one-page comparison of five apps.",
        "skills": ["User research"],
        "estimated_hours": 5,
        "what_you_gain": _GAIN,
    },
]


# Matching (issue 11): the demo drafters declare skills, levels and weekly hours, opt in to be
# discoverable, and Ana keeps a saved search — so "For you", a mentor's recommended drafters
# and the digest have something to show. Appended; idempotent.
DEMO_MATCHING: dict[str, dict[str, Any]] = {
    "sam": {"hours": 6, "skills": {"UX research": "working", "Figma": "learning"}},
    "ana": {
        "hours": 8,
        "skills": {
            "Data analysis": "working",
            "Excel": "expert",
            "Python": "working",
            "pandas": "working",
            "SQL": "learning",
        },
    },
}

DEMO_MATCHING_TASKS: list[dict[str, Any]] = [
    {
        "mentor": "leo",
        "title": "Tidy a pandas notebook of reader survey answers",
        "description": "Merge three exports, drop duplicates and document each step.",
        "skills": ["Python", "pandas"],
        "estimated_hours": 5,
        "what_you_gain": _GAIN,
    },
    {
        "mentor": "maya",
        "title": "Usability-test a sign-up form with five people",
        "description": "Recruit five people, run short sessions and write up what tripped them.",
        "skills": ["Usability testing", "UX research"],
        "estimated_hours": 4,
        "what_you_gain": _GAIN,
    },
]
