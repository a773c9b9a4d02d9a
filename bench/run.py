"""Benchmark the hot API lists against a hand-written raw-SQL + orjson baseline, in one run.

    make bench                      # SQLite and PostgreSQL, 100k tasks
    BENCH_TASKS=20000 make bench

Each scenario is timed as the median of repeated in-process requests (Django test client,
signed-in user, full middleware stack) and compared with the baseline: a bare view behind the
same middleware running one SQL query shaped like the page, rows dumped with orjson. The
report is the ratio; absolute times on a 2-core machine shared with the client are noise.
The bare query's own time is printed too, to show what the framework costs.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.baseline import browse_first_page_json  # noqa: E402
from bench.generate import generate  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
TASKS = int(os.environ.get("BENCH_TASKS", "100000"))


def timed(fn) -> float:
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not User.objects.filter(email__startswith="bench-mentor-").exists():
        started = time.perf_counter()
        generate(tasks=TASKS)
        print(f"generated {TASKS} tasks in {time.perf_counter() - started:.1f}s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum keeps them live
    client = Client()
    reader = User.objects.get(email="bench-mentor-0@example.org")
    client.force_login(reader)

    def api(url: str):
        def call() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])

        return call

    scenarios = {
        "browse first page": api("/api/v1/tasks/?page_size=20"),
        "browse paid, remote": api("/api/v1/tasks/?page_size=20&paid=true&remote=true"),
        "search 'dashboard'": api("/api/v1/tasks/?page_size=20&q=dashboard"),
    }
    baseline = api("/bench/baseline/browse/")
    baseline()
    baseline_ms = timed(baseline)
    query_ms = timed(browse_first_page_json)
    report = {
        "database": connection.vendor,
        "tasks": TASKS,
        "baseline_ms": baseline_ms,
        "bare_query_ms": query_ms,
    }
    print(
        f"\n{connection.vendor}: baseline view (raw SQL + orjson) {baseline_ms:.2f} ms "
        f"(the query alone {query_ms:.2f} ms)"
    )
    for name, fn in scenarios.items():
        fn()  # warm caches and fail early on an error
        ms = timed(fn)
        report[name] = {"ms": ms, "ratio": ms / baseline_ms}
        print(f"  {name:<24} {ms:8.2f} ms   {ms / baseline_ms:5.1f}x baseline")
    out = Path(__file__).parent / "results" / f"{connection.vendor}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    with override_settings(ROOT_URLCONF="bench.urls"):
        main()
