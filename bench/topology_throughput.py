"""Throughput through the production topology: wrk against nginx in front of the two gunicorn
servers (devtools/prodlike.py), each read beside a trivial view through the same path.

    python bench/topology_throughput.py [--size tiny|small] [--seconds 10] [--rounds 2]

Reads: anonymous browse answered by nginx's cache, the same with the cache bypassed (an
`Authorization` header of no scheme the app knows: nginx passes it on, the app serves it as
anonymous), signed-in browse and task detail (a session cookie, never cached), and `/healthz`
(one `SELECT 1`, no session) as the trivial view. Every endpoint is warmed up first, then the
endpoints are measured in turn, `--rounds` times; the best round counts (the machine is
shared: the other rounds lost to neighbours). Throttles are raised per second (a per-minute
rate would keep a growing history per request). Prints requests/s, p50/p95/p99 in ms and the
share of the trivial view; writes bench/results/topology-throughput-<time>.json.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.prodlike import Topology, stop_on_signals  # noqa: E402

WRK = ["-t2", "-c16"]
# wrk's own summary has no p95: its Lua hook prints the percentiles (microseconds).
PERCENTILES = """
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES %d %d %d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""
UNLIMITED = "100000/second"


def _endpoints(seed: dict) -> dict[str, tuple[str, list[str]]]:
    session = ["-H", f"Cookie: sessionid={seed['people'][0]['session']}"]
    bypass = ["-H", "Authorization: Bench cache-bypass"]
    detail = f"/api/v1/tasks/{seed['task_ids'][0]}/"
    return {
        "trivial view (/healthz)": ("/healthz", []),
        "anonymous browse, cached": ("/api/v1/tasks/", []),
        "anonymous browse, uncached": ("/api/v1/tasks/", bypass),
        "anonymous task detail, cached": (detail, []),
        "signed-in browse": ("/api/v1/tasks/", session),
        "signed-in task detail": (detail, session),
    }


def _wrk(url: str, headers: list[str], *, seconds: int, script: Path) -> dict:
    args = ["wrk", *WRK, f"-d{seconds}s", "-s", str(script), *headers, url]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors on {url}:\n{out}")
    micros = re.search(r"PERCENTILES (\d+) (\d+) (\d+)", out).groups()
    p50, p95, p99 = (int(n) / 1000 for n in micros)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"rps": round(rps), "p50": round(p50, 1), "p95": round(p95, 1), "p99": round(p99, 1)}


def measure(topo: Topology, seed: dict, *, seconds: int, rounds: int) -> dict:
    endpoints = _endpoints(seed)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(PERCENTILES)
        script.flush()
        lua = Path(script.name)
        for path, headers in endpoints.values():
            _wrk(topo.url("lb") + path, headers, seconds=3, script=lua)  # warm-up
        best: dict[str, dict] = {}
        for n in range(rounds):
            for name, (path, headers) in endpoints.items():
                result = _wrk(topo.url("lb") + path, headers, seconds=seconds, script=lua)
                print(f"  round {n + 1}  {name:<30} {result['rps']:>6} requests/s", flush=True)
                if result["rps"] > best.get(name, {"rps": -1})["rps"]:
                    best[name] = result
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["tiny", "small", "large"], default="small")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    stop_on_signals()
    extra_env = {"API_THROTTLE_ANON": UNLIMITED, "API_THROTTLE_USER": UNLIMITED}
    try:
        with Topology(extra_env=extra_env) as topo, tempfile.TemporaryDirectory() as tmp:
            seed_file = Path(tmp) / "seed.json"
            subprocess.run(
                [sys.executable, "bench/loadseed.py", str(seed_file), "--users", "1",
                 "--size", options.size],
                cwd=ROOT, env=topo.env, check=True, timeout=900, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            seed = json.loads(seed_file.read_text())
            results = measure(topo, seed, seconds=options.seconds, rounds=options.rounds)
    except KeyboardInterrupt as stop:
        print(f"\nstopped ({stop or 'SIGINT'}): every service is down.", flush=True)
        return 130
    trivial = results["trivial view (/healthz)"]["rps"]
    print(f"\n== through nginx, 2 gunicorn servers x 2 workers, size {options.size} ==")
    print(f"{'read':<30} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'of trivial':>10}")
    for name, r in results.items():
        share = f"{100 * r['rps'] / trivial:.0f} %"
        print(f"{name:<30} {r['rps']:>6} {r['p50']:>7} {r['p95']:>7} {r['p99']:>7} {share:>10}")
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out = ROOT / "bench" / "results" / f"topology-throughput-{stamp}.json"
    out.parent.mkdir(exist_ok=True)
    report = {"size": options.size, "wrk": " ".join(WRK), "seconds": options.seconds, **results}
    out.write_text(json.dumps(report, indent=2))
    print(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
