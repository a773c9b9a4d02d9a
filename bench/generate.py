"""Fill a database with a marketplace-shaped data set for benchmarks (bulk inserts, fast)."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Profile, Skill, User
from accounts.skill_keys import skill_search_key
from projects.models import Task

UNUSABLE_PASSWORD = make_password(None)
_VOCABULARY = """
    research interview survey prototype figma data pipeline dashboard sql python report
    analysis copywriting newsletter brand audit accessibility onboarding pricing market
    competitor map user journey landing page blog seo budget forecast model cleanup archive
"""
WORDS = _VOCABULARY.split()


def generate(*, tasks: int, mentors: int = 500, skills: int = 300, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        skill_rows = Skill.objects.bulk_create(
            Skill(
                name=f"Bench skill {i}",
                slug=f"bench-skill-{i}",
                search_key=skill_search_key(f"Bench skill {i}"),
            )
            for i in range(skills)
        )
        users = User.objects.bulk_create(
            User(email=f"bench-mentor-{i}@example.org", password=UNUSABLE_PASSWORD)
            for i in range(mentors)
        )
        Profile.objects.bulk_create(
            Profile(user=u, handle=f"bench-mentor-{i}", display_name=f"Mentor {i}")
            for i, u in enumerate(users)
        )
        through = Task.skills.through
        batch = 5000
        for start in range(0, tasks, batch):
            rows = []
            for i in range(start, min(tasks, start + batch)):
                paid = rng.random() < 0.4
                rows.append(
                    Task(
                        mentor=rng.choice(users),
                        title=" ".join(rng.choices(WORDS, k=5)).capitalize(),
                        description=" ".join(rng.choices(WORDS, k=60)),
                        estimated_hours=rng.randint(2, 40),
                        deadline=(now + timedelta(days=rng.randint(3, 90))).date(),
                        is_remote=rng.random() < 0.7,
                        slots=rng.randint(1, 3),
                        stipend_amount=rng.randint(50, 800) * 100 if paid else None,
                        what_you_gain="" if paid else "An introduction and a reference.",
                        state=Task.State.OPEN if rng.random() < 0.8 else Task.State.CLOSED,
                        published_at=now - timedelta(minutes=i),
                    )
                )
            created = Task.objects.bulk_create(rows)
            through.objects.bulk_create(
                through(task_id=t.pk, skill_id=s.pk)
                for t in created
                for s in rng.sample(skill_rows, 3)
            )
