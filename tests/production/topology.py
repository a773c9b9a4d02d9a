"""The one production topology (devtools/prodlike.py) that the topology tests share: started once
per test process, on first use, by the `topology` fixture of tests/production/conftest.py.

Starting it is most of these tests' cost (PostgreSQL, migrations, moto, two gunicorn servers,
nginx), so every test that only reads it or adds rows of its own uses this one; each keeps to its
own accounts, URLs and client address, so they pass in any order and on any xdist worker. The
SIGTERM test (test_prodlike_stop.py) starts its own: it stops `make prodlike` itself."""

from devtools.prodlike import Topology

# Anonymous public reads may be 30 s stale in production (settings.PUBLIC_CACHE_MAX_AGE, proved
# by tests/topology/test_page_cache_control.py); here 10 s, so the test that watches an edit
# reach anonymous readers through nginx's cache waits 10 s, not 30.
CACHE_TTL = 10
# The production rate of anonymous API reads, per client address, shared through Redis.
ANON_PER_MINUTE = 60

DRAFTER = ("prodlike.drafter@example.org", "a-long-prodlike-password")
MENTOR = ("front.cache.mentor@example.org", "a-long-front-cache-password")
RELOAD_MENTOR = ("reload.mentor@example.org", "a-long-reload-password")

# One `manage.py shell` (one Django start) makes every test's rows; it prints a task's id.
SETUP = f"""
from accounts.services.profiles import user_create
from projects.services.tasks import task_create, task_publish
for email, password in ({DRAFTER!r}, {RELOAD_MENTOR!r}):
    user_create(email=email, password=password, email_verified=True)
mentor = user_create(
    email={MENTOR[0]!r}, password={MENTOR[1]!r}, display_name="Front Cache Mentor",
    email_verified=True,
)
for n in range(8):
    task = task_create(mentor=mentor, data=dict(
        title=f"Front cache task {{n}}",
        description="Help with a piece of real work, reviewed together at the end. " * 6,
        estimated_hours=6,
        what_you_gain="A reference and a portfolio piece.",
    ))
    task_publish(task_id=task.pk, mentor=mentor)
print(task.pk)
"""


def topology_start() -> Topology:
    """The shared topology, started, with every test's rows; its `task_id` is a published task."""
    topo = Topology(
        extra_env={
            "PUBLIC_CACHE_MAX_AGE": str(CACHE_TTL),
            "API_THROTTLE_ANON": f"{ANON_PER_MINUTE}/minute",
        }
    ).start()
    try:
        done = topo.manage("shell", "--no-imports", "-c", SETUP)
        topo.task_id = int(done.stdout.split()[-1])  # type: ignore[attr-defined]
    except BaseException:
        topo.close()
        raise
    return topo
