"""The demo's circles: a new drafter opening "All circles" found nothing in any family, and
could not host one themselves. Two demo drafters earn the two verified drafts hosting takes
(tasks posted by the mentors open to offers, delivered and approved through the real
services), then each starts a circle through circle_create, as the API would."""

import datetime

from accounts.models import User
from accounts.services.skills import skill_propose
from projects.circles.models import Circle
from projects.circles.services.circles import circle_create, circle_host_eligible
from projects.models import Task
from projects.services.applications import application_accept, application_create
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.tasks import task_create, task_publish

# (host, mentor, title of a small finished task, its skill): the drafts that make each host.
_DRAFTS = [
    ("sam.drafter@demo.slipstream.local", "hannah@civiclab.demo",
     "Summarise five usability interviews", "UX research"),
    ("ana.drafter@demo.slipstream.local", "hannah@civiclab.demo",
     "Tabulate a short resident survey", "Data analysis"),
    ("ana.drafter@demo.slipstream.local", "kwame@harbourcloud.demo",
     "Chart a month of service error rates", "Data analysis"),
]  # fmt: skip

DEMO_CIRCLES = [
    {
        "host": "sam.drafter@demo.slipstream.local",
        "name": "Interview notes to findings",
        "skill_family": "user-research",
        "description": "Four drafters trade critiques of interview syntheses: one piece each a "
        "fortnight, two comments back.",
    },
    {
        "host": "ana.drafter@demo.slipstream.local",
        "name": "Data analysis critique circle",
        "skill_family": "data-analysis",
        "description": "Share a cleaned dataset or a chart; get two careful reads on method and "
        "clarity within the week.",
    },
]


def _verified_draft(*, host: User, mentor: User, title: str, skill: str) -> None:
    """One small task the mentor posts and approves the host's work on (once, by title)."""
    if Task.objects.filter(mentor=mentor, title=title).exists():
        return
    data = {
        "title": title,
        "description": "A small, finished piece of work for the demo.",
        "estimated_hours": 3,
        "deadline": datetime.date.today() + datetime.timedelta(days=30),
        "what_you_gain": "A reference and a verified experience.",
    }
    skill_ids = [skill_propose(user=mentor, name=skill)[0].pk]
    task = task_create(mentor=mentor, data=data, skill_ids=skill_ids)
    task_publish(task_id=task.pk, mentor=mentor)
    application = application_create(
        task_id=task.pk,
        drafter=host,
        note="Happy to take this on this week.",
        work_sample_link="https://example.org/demo/sample",
        answers=[],
    )
    engagement = application_accept(application_id=application.pk, mentor=mentor)
    engagement_deliver(engagement_id=engagement.pk, drafter=host, link="https://example.org/work")
    engagement_approve(engagement_id=engagement.pk, mentor=mentor)


def seed_demo_circles() -> None:
    """Each circle of DEMO_CIRCLES its host has not started yet, with the drafts that let them
    host it (idempotent: a second run adds nothing)."""
    for host_email, mentor_email, title, skill in _DRAFTS:
        host = User.objects.get(email=host_email)
        if circle_host_eligible(user=host):
            continue
        mentor = User.objects.get(email=mentor_email)
        _verified_draft(host=host, mentor=mentor, title=title, skill=skill)
    for spec in DEMO_CIRCLES:
        host = User.objects.get(email=spec["host"])
        if Circle.objects.filter(host=host, name=spec["name"]).exists():
            continue
        circle_create(
            host=host,
            name=spec["name"],
            skill_family=spec["skill_family"],
            description=spec["description"],
        )
