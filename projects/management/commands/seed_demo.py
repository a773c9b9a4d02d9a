"""Idempotent demo data for `make run`: a few mentors and drafters, printed logins."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from accounts.services import profile_update, user_create

DEMO_PASSWORD = "slipstream-demo"  # noqa: S105 — printed on purpose: local demo accounts only

DEMO_PEOPLE = [
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


class Command(BaseCommand):
    help = "Create demo mentors and drafters (safe to run repeatedly)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            for person in DEMO_PEOPLE:
                self._ensure_person(person)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ as:"))
        for person in DEMO_PEOPLE:
            role = "mentor " if person["wants_to_mentor"] else "drafter"
            self.stdout.write(f"  {role}  {person['email']}  /  {DEMO_PASSWORD}")

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
            data={k: person[k] for k in ("headline", "wants_to_mentor", "wants_to_draft")},
        )
        return user
