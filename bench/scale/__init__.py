"""A marketplace-shaped data set at three sizes, for benchmarks (`bench/seed_scale.py`).

Everything is planned in memory first from one seeded `random.Random` (who applies where, which
applications became engagements), then written in bulk (writer.py: COPY on PostgreSQL), table by
table, in one transaction each. The same seed gives the same rows; dates are relative to the day
it runs.

Distributions: skills by popularity (Zipf over the catalogue), mentors with a long tail (a few
post thousands of tasks, most a handful), applicants drawn to popular tasks, deadlines spread
over three months, publication over a year.

Modules: sizes (sizes, personas), words (vocabulary), writer (bulk writes, progress),
people (users, portfolios, institutions), work (tasks, applications, engagements, messages,
feedback).
"""

import random
import sys
import time
from typing import Any, TextIO

from django.db import connection
from django.utils import timezone

from accounts.models import Skill, User
from bench.scale.people import UNUSABLE_PASSWORD, people_generate
from bench.scale.sizes import (
    EMAIL_DOMAIN,
    SIZES,
    Size,
    has_generated_rows,
    is_generated,
    persona_email,
    sentinel_email,
)
from bench.scale.words import WORDS, zipf_weights
from bench.scale.work import work_generate
from bench.scale.writer import Progress, analyze
from projects.response_rates import mentor_response_rates_fill

__all__ = [
    "EMAIL_DOMAIN",
    "SIZES",
    "Size",
    "generate",
    "has_generated_rows",
    "is_generated",
    "persona_email",
    "sentinel_email",
]


def generate(*, size: str, seed: int, out: TextIO = sys.stdout) -> dict[str, Any]:
    spec = SIZES[size]
    rng = random.Random(seed)
    now = timezone.now()
    progress = Progress(out)
    if connection.vendor == "sqlite":
        # Random-order inserts into the application indexes thrash SQLite's default 2 MB page
        # cache (500k applications took 5 minutes); a big cache keeps the B-trees in memory.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")
    word_weights = zipf_weights(len(WORDS), 0.9)
    skills = list(Skill.objects.order_by("id"))
    rng.shuffle(skills)  # popularity order, different per seed
    shared = dict(
        progress=progress,
        rng=rng,
        spec=spec,
        skills=skills,
        skill_weights=zipf_weights(len(skills), 1.1),
        word_weights=word_weights,
        now=now,
    )
    people = people_generate(**shared)
    work_generate(**shared, people=people)
    # The rows are written in bulk, past the services that store each mentor's response rate
    # as they answer: store them all once, as the migration that added them did.
    mentor_response_rates_fill(now=now)
    User.objects.create(email=sentinel_email(size, seed), password=UNUSABLE_PASSWORD)
    analyze()
    progress.track("done", 0, [])
    return {"size": size, "seed": seed, "seconds": time.perf_counter() - progress.started}
