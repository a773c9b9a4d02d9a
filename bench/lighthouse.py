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
            results[name] = _audit(base + path, session)
            r = results[name]
            print(
                f"  lighthouse {name:<18} perf {r['performance']:.2f}  a11y "
                f"{r['accessibility']:.2f}  bp {r['best_practices']:.2f}  "
                f"{r['bytes'] / 1024:.0f} KB",
                flush=True,
            )
    return {"version": version, "size": env["BENCH_SIZE"], "pages": results}
