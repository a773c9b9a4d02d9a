"""Requests per second under `wrk` (Debian's package) against gunicorn with 2 workers, for the
public reads beside a trivial view in the same run. Client and server share the 2 cores, so
only the ratio to the trivial view means anything."""

import re
import shutil
import subprocess

from bench.server import bench_context, gunicorn

DURATION = "10s"
WRK_ARGS = ["-t2", "-c16", f"-d{DURATION}"]


def _rps(url: str) -> float:
    out = subprocess.run(["wrk", *WRK_ARGS, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors on {url}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def run(env: dict[str, str]) -> dict:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    ctx = bench_context(env)
    endpoints = {
        "trivial view": "/bench/trivial/",
        "browse": "/api/v1/tasks/?page_size=20",
        "task detail": f"/api/v1/tasks/{ctx['task_id']}/",
    }
    with gunicorn(env) as base:
        rps = {}
        for name, path in endpoints.items():
            rps[name] = _rps(base + path)
            print(f"  wrk {name:<14} {rps[name]:8.0f} requests/s", flush=True)
    return {"wrk": " ".join(WRK_ARGS), "size": env["BENCH_SIZE"], "rps": rps}
