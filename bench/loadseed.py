"""Seed a prodlike database for `make loadtest` and write the load users' file (JSON).

    python bench/loadseed.py OUT.json   (with the topology's environment)

Tasks in bulk (bench.generate), drafters made through the real services, one application each
(their message thread), and a signed-in session per drafter made ahead: the run then measures
the marketplace, not the password hasher or allauth's login rate limit.
"""

import json
import os
import random
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402

from accounts.services.profiles import user_create  # noqa: E402
from bench.generate import WORDS, generate  # noqa: E402
from projects import services  # noqa: E402
from projects.models import Task  # noqa: E402

APPLIES_PER_USER_PER_PHASE = 20


def main(out: Path, *, users: int, tasks: int) -> None:
    generate(tasks=tasks, mentors=50, skills=60)
    open_ids = list(
        Task.objects.filter(state=Task.State.OPEN, questions=[]).values_list("pk", flat=True)
    )
    random.Random(3).shuffle(open_ids)
    people = []
    for n in range(users):
        drafter = user_create(
            email=f"load-drafter-{n}@example.org", password=None, email_verified=True
        )
        first = open_ids.pop()
        application = services.application_create(
            task_id=first,
            drafter=drafter,
            note="Seeded for the load test.",
            work_sample_link="https://example.org/sample",
        )
        session = SessionStore()
        session[SESSION_KEY] = str(drafter.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = drafter.get_session_auth_hash()
        session.create()
        targets = [open_ids.pop() for _ in range(2 * APPLIES_PER_USER_PER_PHASE)]
        people.append(
            {
                "email": drafter.email,
                "session": session.session_key,
                "application": application.pk,
                "apply_to": {
                    "steady": targets[:APPLIES_PER_USER_PER_PHASE],
                    "faults": targets[APPLIES_PER_USER_PER_PHASE:],
                },
            }
        )
    detail_ids = open_ids[:500]
    out.write_text(json.dumps({"people": people, "task_ids": detail_ids, "words": WORDS}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), users=int(sys.argv[2]), tasks=int(sys.argv[3]))
