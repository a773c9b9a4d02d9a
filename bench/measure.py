"""Measure every read of bench/reads.py against its floor on the database in DATABASE_URL.

    DATABASE_URL=... BENCH_SIZE=large python -m bench.measure

Run by bench/run.py once per database and size (a Django process is bound to one database).
Each read and its floor are requested alternately through Django's test client (the WSGI
handler and every middleware), after a warm-up; the JSON result goes to bench/results/.
"""

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.reads import READS, Read, context, slug  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def _client(read: Read, ctx: dict) -> Client:
    """Signed in as the read's persona: a session, or an institution's API key header."""
    if read.persona == "careers key":
        return Client(headers={"Authorization": f"Api-Key {ctx['careers key']}"})
    client = Client()
    if read.persona != "anonymous":
        client.force_login(ctx[read.persona])
    return client


def _get(client: Client, url: str, cpu: list[float] | None = None) -> float:
    """Wall-clock ms of one request; with `cpu`, its CPU ms (this process's time: the client
    runs the request in-process) is appended there — on a shared machine the wall clock moves
    with the neighbours' load, CPU time much less."""
    start, start_cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append((time.process_time() - start_cpu) * 1000)
    if response.status_code != 200:
        sys.exit(f"{url}: HTTP {response.status_code} {response.content[:300]!r}")
    return elapsed * 1000


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def measure_read(read: Read, ctx: dict, *, requests: int, warmup: int, budget: float) -> dict:
    client = _client(read, ctx)
    url, floor_url = read.url(ctx), f"/bench/floor/{slug(read)}/"
    for _ in range(warmup):
        _get(client, url)
        _get(client, floor_url)
    api, floor, api_cpu, floor_cpu = [], [], [], []
    deadline = time.perf_counter() + budget
    for _ in range(requests):  # alternate, so drift on a shared machine hits both alike
        api.append(_get(client, url, api_cpu))
        floor.append(_get(client, floor_url, floor_cpu))
        if time.perf_counter() > deadline and len(api) >= 20:
            break  # a read slow at this size: enough samples for a median, say how many
    median, floor_median = statistics.median(api), statistics.median(floor)
    return {
        "read": read.name,
        "url": url,
        "requests": len(api),
        "median_ms": round(median, 2),
        "p95_ms": round(_p95(api), 2),
        "queries": _queries(client, url),
        "floor_median_ms": round(floor_median, 2),
        "floor_queries": _queries(client, floor_url),
        "ratio": round(median / floor_median, 2),
        "cpu_ms": round(statistics.median(api_cpu), 2),
        "floor_cpu_ms": round(statistics.median(floor_cpu), 2),
        "target": read.target,
    }


def main() -> None:
    size = os.environ.get("BENCH_SIZE", "small")
    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    warmup = int(os.environ.get("BENCH_WARMUP", "20"))
    budget = float(os.environ.get("BENCH_BUDGET_SECONDS", "90"))
    only = {name for name in os.environ.get("BENCH_ONLY", "").split(",") if name}
    ctx = context(size)
    rows = []
    print(f"\n{connection.vendor}, {size}: {requests} requests a read after {warmup} warm-up")
    print(
        f"  {'read':<24}{'median':>9}{'p95':>9}{'queries':>9}{'floor':>9}{'ratio':>8}"
        f"{'cpu':>9}{'floor cpu':>11}"
    )
    for read in READS:
        if only and read.name not in only:
            continue
        row = measure_read(read, ctx, requests=requests, warmup=warmup, budget=budget)
        rows.append(row)
        flag = "" if row["ratio"] <= row["target"] else f"  (target {row['target']})"
        if row["requests"] < requests:
            flag += f"  [{row['requests']} requests: time budget]"
        print(
            f"  {read.name:<24}{row['median_ms']:>7.2f}ms{row['p95_ms']:>7.2f}ms"
            f"{row['queries']:>9}{row['floor_median_ms']:>7.2f}ms{row['ratio']:>7.2f}x"
            f"{row['cpu_ms']:>7.2f}ms{row['floor_cpu_ms']:>9.2f}ms{flag}",
            flush=True,
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{connection.vendor}-{size}.json"
    out.write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "size": size,
                "requests": requests,
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
                "python": platform.python_version(),
                "reads": rows,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
