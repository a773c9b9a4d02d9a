"""Requests per second under `wrk` (Debian's package) against gunicorn with 2 workers, for the
public reads, anonymous and signed in, beside a trivial view in the same run. Client and server
share the 2 cores, so only the ratio to the trivial view means anything. Each endpoint is warmed
up first (workers' first requests compile statements and fill caches), then measured."""

import re
import shutil
import subprocess

from bench.server import bench_context, gunicorn

DURATION = "10s"
WARM_UP = "2s"
WRK_ARGS = ["-t2", "-c16", f"-d{DURATION}"]


def _wrk(url: str, headers: list[str], duration: str) -> str:
    command = ["wrk", "-t2", "-c16", f"-d{duration}", "--latency", *headers, url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors on {url}:\n{out}")
    return out


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _measure(url: str, headers: list[str]) -> dict[str, float]:
    _wrk(url, headers, WARM_UP)
    out = _wrk(url, headers, DURATION)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.MULTILINE))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
    }


def run(env: dict[str, str]) -> dict:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    ctx = bench_context(env)
    signed_in = ["-H", f"Cookie: sessionid={ctx['drafter_session']}"]
    endpoints = {
        "trivial view": ("/bench/trivial/", []),
        "browse": ("/api/v1/tasks/?page_size=20", []),
        "task detail": (f"/api/v1/tasks/{ctx['task_id']}/", []),
        "signed-in browse": ("/api/v1/tasks/?page_size=20", signed_in),
        "signed-in task detail": (f"/api/v1/tasks/{ctx['task_id']}/", signed_in),
    }
    with gunicorn(env) as base:
        rps, latency = {}, {}
        for name, (path, headers) in endpoints.items():
            measured = _measure(base + path, headers)
            rps[name] = measured["rps"]
            latency[name] = {"p50": measured["p50"], "p99": measured["p99"]}
            print(f"  wrk {name:<22} {rps[name]:8.0f} requests/s", flush=True)
    wrk = " ".join([*WRK_ARGS, f"after {WARM_UP} of warm-up"])
    return {"wrk": wrk, "size": env["BENCH_SIZE"], "rps": rps, "latency_ms": latency}
