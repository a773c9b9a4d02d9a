"""`make loadtest`: locust against the production topology, without and then with faults.

    python bench/loadtest.py [--users 32] [--seconds 60] [--size small]

1. starts devtools/prodlike.py's topology (2 gunicorn servers behind nginx, PostgreSQL, Redis,
   S3, worker) and seeds it (bench/loadseed.py: bench.scale's data set at --size);
2. a warm-up (--warm-up seconds of the mix's reads, not measured), then "steady": the mixed
   scenario (bench/locustfile.py) for --seconds;
3. "faults": the same, while it kills app server A's gunicorn master (SIGKILL) and restarts it,
   stops the task worker (SIGTERM) and starts it again, and restarts Redis (its data is lost);
4. after each phase proves nothing was lost (bench/loadverify.py) and prints the figures;
   the report also goes to bench/results/loadtest-<time>.json.
Ctrl-C, SIGTERM or SIGHUP stops locust and every service of the topology (exit status 130).
"""

import argparse
import csv
import json
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.prodlike import Topology, stop_on_signals  # noqa: E402

LOCUST = str(Path(sys.executable).parent / "locust")


def _stats(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    out = {}
    for name, row in rows.items():
        out[name] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            **{p: int(float(row[f"{p}%"] or 0)) for p in ("50", "95", "99")},
        }
    return out


def _locust_args(topo: Topology, *, users: int, seconds: int, csv: Path) -> list[str]:
    return [
        LOCUST, "-f", "bench/locustfile.py", "--headless", "-u", str(users), "-r", "8",
        "-t", f"{seconds}s", "--host", topo.url("lb"), "--csv", str(csv), "--only-summary",
        "--stop-timeout", "5", "--loglevel", "WARNING",
    ]  # fmt: skip


def _warm_up(topo: Topology, *, seed: Path, out: Path, users: int, seconds: int) -> None:
    """The reads of the mix, unmeasured, so the steady phase starts warm: every gunicorn
    worker forked and past its first requests, PostgreSQL's and Redis' caches filled."""
    env = {
        **topo.env,
        "LOAD_SEED": str(seed),
        "LOAD_RESULTS": str(out / "warm-up-writes.json"),
        "LOAD_MIX": "apply=0,message=0",
    }
    args = _locust_args(topo, users=users, seconds=seconds, csv=out / "warm-up")
    with (out / "warm-up-locust.log").open("w") as log:
        subprocess.run(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 120
        )


def _phase(
    topo: Topology,
    *,
    name: str,
    seed: Path,
    out: Path,
    users: int,
    seconds: int,
    faults: list[tuple[float, str, object]],
) -> dict:
    since = datetime.now(UTC).isoformat()
    results = out / f"{name}-writes.json"
    env = {**topo.env, "LOAD_SEED": str(seed), "LOAD_PHASE": name, "LOAD_RESULTS": str(results)}
    args = _locust_args(topo, users=users, seconds=seconds, csv=out / name)
    log = (out / f"{name}-locust.log").open("w")
    started = time.monotonic()
    locust = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    timeline = []
    try:
        for at, label, action in faults:
            time.sleep(max(0.0, at - (time.monotonic() - started)))
            timeline.append({"at": round(time.monotonic() - started, 1), "fault": label})
            print(f"  t={timeline[-1]['at']:5.1f}s  {label}", flush=True)
            action()
            timeline[-1]["done"] = round(time.monotonic() - started, 1)
        locust.wait(timeout=seconds + 120)
    finally:
        if locust.poll() is None:  # stopped early (a signal, a fault that failed)
            locust.kill()
            locust.wait()
    writes = json.loads(results.read_text())
    wall_start = writes["started"]
    verify = subprocess.run(
        [sys.executable, "bench/loadverify.py", str(results), since],
        cwd=ROOT,
        env=topo.env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lost = json.loads(verify.stdout.strip().splitlines()[-1])
    failures = writes["failures"]
    return {
        "phase": name,
        "users": users,
        "seconds": seconds,
        "stats": _stats(out / name),
        "status_5xx": sum(1 for f in failures if f["status"] >= 500),
        "connection_errors": sum(1 for f in failures if f["status"] == 0),
        "failure_seconds": sorted({int(f["at"] - wall_start) for f in failures}),
        "faults": timeline,
        "nothing_lost": lost,
        "emails_in_sink": topo.wait_for_mail(count=lost["emails_sent_by_tasks_ever"], timeout=30),
    }


def _print(report: dict) -> None:
    print(f"\n== {report['phase']}: {report['users']} users, {report['seconds']} s ==")
    print(
        f"{'endpoint':<12} {'requests':>8} {'failed':>6} {'rps':>6} "
        f"{'p50':>5} {'p95':>5} {'p99':>5}"
    )
    for name, s in report["stats"].items():
        print(
            f"{name:<12} {s['requests']:>8} {s['failures']:>6} {s['rps']:>6} "
            f"{s['50']:>5} {s['95']:>5} {s['99']:>5}"
        )
    print(
        f"5xx: {report['status_5xx']}, connection errors: {report['connection_errors']}, "
        f"failures in seconds: {report['failure_seconds']}"
    )
    lost = report["nothing_lost"]
    print(
        f"writes: {lost['applies_ok']} applies OK, {lost['applies_missing']} missing, "
        f"{lost['applies_in_db']} in the database, {lost['duplicate_applications']} duplicates; "
        f"{lost['messages_ok']} messages OK, {lost['messages_missing']} missing"
    )
    print(
        f"tasks: {lost['tasks']}, claimed twice: {lost['tasks_claimed_more_than_once']}; "
        f"e-mails: {lost['emails_sent_by_tasks_ever']} sent by tasks, "
        f"{report['emails_in_sink']} received"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--warm-up", type=int, default=20, help="seconds of reads first")
    parser.add_argument("--size", choices=["tiny", "small", "large"], default="small")
    options = parser.parse_args()
    stop_on_signals()
    try:
        return _run(options)
    except KeyboardInterrupt as stop:
        print(f"\nstopped ({stop or 'SIGINT'}): locust and every service are down.", flush=True)
        return 130


def _run(options: argparse.Namespace) -> int:
    out = ROOT / "bench" / "results" / f"loadtest-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True)
    seconds = options.seconds
    with Topology() as topo:
        print("Topology up:\n" + topo.describe(), flush=True)
        seed = out / "seed.json"
        subprocess.run(
            [
                sys.executable,
                "bench/loadseed.py",
                str(seed),
                "--users",
                str(options.users),
                "--size",
                options.size,
            ],
            cwd=ROOT,
            env=topo.env,
            check=True,
            timeout=600,
        )
        if options.warm_up:
            print(f"warm-up: {options.warm_up} s of reads, not measured", flush=True)
            _warm_up(topo, seed=seed, out=out, users=options.users, seconds=options.warm_up)
        reports = [
            _phase(
                topo,
                name="steady",
                seed=seed,
                out=out,
                users=options.users,
                seconds=seconds,
                faults=[],
            )
        ]
        _print(reports[-1])
        faults = [
            (
                seconds * 0.25,
                "kill -9 app server A's gunicorn master",
                lambda: topo.stop("app_a", signal.SIGKILL),
            ),
            (seconds * 0.42, "start app server A again", lambda: topo.start_app("app_a")),
            (seconds * 0.55, "stop the task worker (SIGTERM)", lambda: topo.stop("worker")),
            (seconds * 0.63, "start the task worker again", topo.start_worker),
            (
                seconds * 0.75,
                "restart Redis (empty)",
                lambda: (topo.stop("redis"), topo.start_redis()),
            ),
        ]
        print("\nfaults:", flush=True)
        reports.append(
            _phase(
                topo,
                name="faults",
                seed=seed,
                out=out,
                users=options.users,
                seconds=seconds,
                faults=faults,
            )
        )
        _print(reports[-1])
    (out.parent / f"{out.name}.json").write_text(json.dumps(reports, indent=2))
    print(f"\nreport: {out.parent / f'{out.name}.json'}")
    ok = (
        all(
            r["nothing_lost"]["applies_missing"] == 0
            and r["nothing_lost"]["messages_missing"] == 0
            and r["nothing_lost"]["tasks_claimed_more_than_once"] == 0
            and r["emails_in_sink"] == r["nothing_lost"]["emails_sent_by_tasks_ever"]
            for r in reports
        )
        and reports[0]["status_5xx"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
