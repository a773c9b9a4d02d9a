"""Seed a prodlike database for `make loadtest` and write the load users' file (JSON).

    python bench/loadseed.py OUT.json [--users 32] [--size small]   (with the app's environment)

The marketplace in bulk (bench.scale at the given size, skipped if that size is already there),
drafters made through the real services, one application each (their message thread), and a
signed-in session per drafter made ahead in the session engine the servers use: the run then
measures the marketplace, not the password hasher or allauth's login rate limit.
"""

import argparse
import json
import os
import random
import sys
from importlib import import_module
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db.models import F  # noqa: E402

from accounts.services.profiles import user_create  # noqa: E402
from bench.scale import SIZES, generate, is_generated  # noqa: E402
from bench.scale.words import WORDS  # noqa: E402
from projects.models import Task  # noqa: E402
from projects.services.applications import application_create  # noqa: E402

SEED = 3
# Each person applies to at most this many tasks per phase: two phases plus the seeded
# application stay under the applications throttle (30 a day), as a real person would.
APPLIES_PER_USER_PER_PHASE = 12


def _open_task_ids() -> list[int]:
    """Tasks anyone may apply to: open, public, a place left, no screening questions."""
    ids = list(
        Task.objects.filter(
            state=Task.State.OPEN,
            visibility=Task.Visibility.PUBLIC,
            questions=[],
            filled_slots__lt=F("slots"),
            mentor__is_active=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    random.Random(SEED).shuffle(ids)
    return ids


def _session_for(user) -> str:
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def loadseed(out: Path, *, users: int, size: str) -> dict:
    if not is_generated(size=size, seed=SEED):
        generate(size=size, seed=SEED)
    open_ids = _open_task_ids()
    applies = min(APPLIES_PER_USER_PER_PHASE, (len(open_ids) // users - 1) // 2)
    if applies < 1:
        raise SystemExit(f"{len(open_ids)} open tasks at size {size!r}: too few for {users} users")
    people = []
    for n in range(users):
        drafter = user_create(
            email=f"load-drafter-{n}@example.org",
            password=None,
            display_name=f"Load drafter {n}",  # applying needs a name
            email_verified=True,
        )
        application = application_create(
            task_id=open_ids.pop(),
            drafter=drafter,
            note="Seeded for the load test.",
            work_sample_link="https://example.org/sample",
        )
        targets = [open_ids.pop() for _ in range(2 * applies)]
        people.append(
            {
                "email": drafter.email,
                "session": _session_for(drafter),
                "application": application.pk,
                "apply_to": {"steady": targets[:applies], "faults": targets[applies:]},
            }
        )
    seed = {"people": people, "task_ids": open_ids[:500], "words": WORDS}
    out.write_text(json.dumps(seed))
    return seed


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    options = parser.parse_args(argv)
    seed = loadseed(options.out, users=options.users, size=options.size)
    print(f"{len(seed['people'])} load users, {len(seed['task_ids'])} tasks to read")


if __name__ == "__main__":
    main(sys.argv[1:])
