"""`make bench`: generate (once) and measure every read at each size on SQLite and PostgreSQL.

    python bench/run.py                        # both databases, small and large, everything
    BENCH_SIZES=small python bench/run.py      # `make bench-small`
    BENCH_DATABASES=sqlite BENCH_SKIP=throughput,lighthouse python bench/run.py

Generated databases are kept in bench/data/ between runs (a SQLite file per size; one
PostgreSQL cluster with a database per size, started for the run and stopped after), so only
the first run pays for `seed_scale`. Each (database, size) is measured in its own process
(bench/measure.py); this script then prints the growth from the smallest to the largest size,
runs throughput and Lighthouse, and writes bench/results/latest.{json,md}.
"""

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.pgcluster import Cluster  # noqa: E402

DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
SEED = os.environ.get("BENCH_SEED", "7")


def _env(database_url: str, size: str) -> dict[str, str]:
    return dict(
        os.environ,
        DATABASE_URL=database_url,
        BENCH_SIZE=size,
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
    )


def _prepare(database_url: str, size: str) -> None:
    env = _env(database_url, size)
    manage = [PY, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
    started = time.perf_counter()
    seed = [PY, str(ROOT / "bench" / "seed_scale.py"), "--size", size, "--seed", SEED]
    subprocess.run(seed, env=env, check=True)
    print(f"  ({database_url.split(':')[0]} {size} ready in {time.perf_counter() - started:.0f} s)")


def _measure(database_url: str, size: str) -> dict:
    env = _env(database_url, size)
    subprocess.run([PY, "-m", "bench.measure"], env=env, check=True, cwd=ROOT)
    vendor = "postgresql" if database_url.startswith("postgres") else "sqlite"
    return json.loads((RESULTS / f"{vendor}-{size}.json").read_text())


def main() -> int:
    sizes = os.environ.get("BENCH_SIZES", "small,large").split(",")
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    skip = set(os.environ.get("BENCH_SKIP", "").split(","))
    DATA.mkdir(exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    runs, extras = [], {}
    for database in databases:
        cluster = Cluster(DATA / "pg") if database == "postgresql" else None
        try:
            urls = {}
            for size in sizes:
                if cluster:
                    urls[size] = cluster.start_and_create(f"bench_{size}")
                else:
                    urls[size] = f"sqlite:///{DATA / f'{size}.sqlite3'}"
                _prepare(urls[size], size)
                runs.append(_measure(urls[size], size))
            largest = urls[sizes[-1]]
            if "throughput" not in skip:
                from bench import throughput

                extras[f"throughput-{database}"] = throughput.run(_env(largest, sizes[-1]))
            if "lighthouse" not in skip and database == databases[0]:
                from bench import lighthouse

                extras["lighthouse"] = lighthouse.run(_env(largest, sizes[-1]))
        finally:
            if cluster:
                cluster.stop()
    summary = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        "runs": runs,
        **extras,
    }
    markdown = report.markdown(summary)
    print("\n" + markdown)
    (RESULTS / "latest.json").write_text(json.dumps(summary, indent=2))
    (RESULTS / "latest.md").write_text(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
