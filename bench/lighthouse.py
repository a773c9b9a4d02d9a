"""Lighthouse (npm, pinned in bench/lighthouse/package.json) on the home, browse, task and
dashboard pages, served by gunicorn with production static files (hashed, compressed).

Offline flags from RECIPES.md: Debian's Chromium, headless, no background networking.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.server import ROOT, bench_context, gunicorn

HERE = Path(__file__).resolve().parent / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--disable-dev-shm-usage"
)


def _install() -> str:
    if not (HERE / "node_modules" / "lighthouse").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    package = json.loads((HERE / "node_modules" / "lighthouse" / "package.json").read_text())
    return package["version"]


def _audit(url: str, session: str = "") -> dict:
    env = dict(
        os.environ,
        CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        CHROME_FLAGS=CHROME_FLAGS,
    )
    command = ["node", str(HERE / "audit.mjs"), url, *([session] if session else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=HERE)
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def _audit_measured(url: str, session: str = "", attempts: int = 3) -> dict:
    """Lighthouse now and then cannot measure a page on a loaded machine (null scores with a
    runtime error such as NO_LCP): audit again, and report the error if it persists."""
    for _ in range(attempts):
        result = _audit(url, session)
        if None not in (result[key] for key in ("performance", "accessibility", "best_practices")):
            return result
    return result


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def run(env: dict[str, str]) -> dict:
    version = _install()
    env = dict(
        env,
        DJANGO_STATIC_MANIFEST="1",
        DJANGO_STATIC_ROOT=str(ROOT / "bench" / "data" / "static"),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)
    ctx = bench_context(env)
    pages = {
        "home": ("/", ""),
        "browse": ("/tasks/", ""),
        "task page": (f"/tasks/{ctx['task_id']}/", ""),
        "drafter dashboard": ("/dashboard/", ctx["drafter_session"]),
    }
    results = {}
    with gunicorn(env) as base:
        for name, (path, session) in pages.items():
            results[name] = r = _audit_measured(base + path, session)
            print(
                f"  lighthouse {name:<18} perf {_score(r['performance'])}  a11y "
                f"{_score(r['accessibility'])}  bp {_score(r['best_practices'])}  "
                f"{r['bytes'] / 1024:.0f} KB"
                + (f"  ({r['runtime_error']})" if r.get("runtime_error") else ""),
                flush=True,
            )
    return {"version": version, "size": env["BENCH_SIZE"], "pages": results}
