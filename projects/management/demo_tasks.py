"""The demo's mix of open tasks: several beginner-friendly and a few paid, posted by the
mentors open to offers (demo_mentors.py, seeded first), through the same services as the API;
and the demo drafters' credentials, so a verified experience page shows its checked signature."""

import datetime
from typing import Any

from accounts.models import User
from accounts.services.skills import skill_propose
from projects.credentials.services.credentials import credential_issue
from projects.models import Engagement, Task
from projects.services.tasks import TASK_FIELDS, task_create, task_publish

_GAIN_MIX = "A reference, a portfolio piece and an hour of career advice."
_SOON = datetime.date.today() + datetime.timedelta(days=21)
_LATER = datetime.date.today() + datetime.timedelta(days=45)

# The first walks found the open tasks nearly all unpaid and few for beginners: these, posted
# by the mentors open to offers (projects/management/demo_mentors.py), make the mix realistic.
_BEGINNER = "beginner_friendly"
DEMO_MIX_TASKS: list[dict[str, Any]] = [
    {
        "mentor": "lucia@fieldnote.demo",
        "title": "Write three product descriptions for a new coffee",
        "description": "Tasting notes, origin and brewing tips in our voice, 80 words each.",
        "skills": ["Copywriting"],
        "estimated_hours": 3,
        "level": _BEGINNER,
        "what_you_gain": "Your byline on the shop page and feedback from our head of marketing.",
    },
    {
        "mentor": "lucia@fieldnote.demo",
        "title": "Plan a month of social posts for a coffee roaster",
        "description": "Twelve posts with captions and a simple calendar; we supply photos.",
        "skills": ["Content marketing", "Copywriting"],
        "estimated_hours": 6,
        "deadline": _LATER,
        "stipend_amount": 12000,
        "level": _BEGINNER,
        "what_you_gain": "Published work with your credit, and a paid stipend.",
    },
    {
        "mentor": "hannah@civiclab.demo",
        "title": "Code twenty interview notes into themes",
        "description": "Tag each note with our codebook and list quotes for every theme.",
        "skills": ["UX research"],
        "estimated_hours": 5,
        "level": _BEGINNER,
        "what_you_gain": _GAIN_MIX,
    },
    {
        "mentor": "hannah@civiclab.demo",
        "title": "Clean and summarise a resident survey",
        "description": "Four hundred answers: fix the obvious errors, then a one-page summary "
        "with two charts.",
        "skills": ["Survey analysis", "Data analysis"],
        "estimated_hours": 8,
        "deadline": _SOON,
        "stipend_amount": 20000,
        "level": "some_experience",
        "what_you_gain": "A credited research note and a reference from our research director.",
    },
    {
        "mentor": "kwame@harbourcloud.demo",
        "title": "Find and fix one flaky test in a Python service",
        "description": "The test fails one run in twenty; find why and propose a fix.",
        "skills": ["Python"],
        "estimated_hours": 4,
        "level": _BEGINNER,
        "what_you_gain": "A merged pull request and a code review from an engineering manager.",
    },
    {
        "mentor": "kwame@harbourcloud.demo",
        "title": "Write a runbook for restoring a PostgreSQL backup",
        "description": "Walk through a restore on a test server and write each step down.",
        "skills": ["PostgreSQL"],
        "estimated_hours": 6,
        "stipend_amount": 18000,
        "level": "some_experience",
        "what_you_gain": "A runbook the team uses, with its author credited by name.",
    },
]


def seed_task_mix() -> None:
    """Publish each task of DEMO_MIX_TASKS its mentor has not posted yet (idempotent by title)."""
    for spec in DEMO_MIX_TASKS:
        mentor = User.objects.get(email=spec["mentor"])
        if Task.objects.filter(mentor=mentor, title=spec["title"]).exists():
            continue
        skill_ids = [skill_propose(user=mentor, name=n)[0].pk for n in spec["skills"]]
        data = {k: v for k, v in spec.items() if k in TASK_FIELDS}
        task = task_create(mentor=mentor, data=data, skill_ids=skill_ids)
        task_publish(task_id=task.pk, mentor=mentor)


def seed_demo_credentials() -> None:
    """Each demo drafter has downloaded the credential of each verified experience, as a real
    drafter sharing it would (idempotent: issuing again returns the same credential)."""
    completed = Engagement.objects.filter(
        state=Engagement.State.COMPLETED,
        drafter__email__endswith="@demo.slipstream.local",
        credential__isnull=True,
    ).select_related("drafter")
    for engagement in completed:
        credential_issue(engagement_id=engagement.pk, drafter=engagement.drafter)
