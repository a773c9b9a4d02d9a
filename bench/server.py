"""Serve the bench database with gunicorn (2 workers) for throughput and Lighthouse runs."""

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"

_CONTEXT_SCRIPT = """
import json, os, django
django.setup()
from django.test import Client
from bench.reads import context
ctx = context(os.environ["BENCH_SIZE"])
client = Client()
client.force_login(ctx["drafter"])
print(json.dumps({"task_id": ctx["task_id"], "drafter_session": client.cookies["sessionid"].value}))
"""


def bench_context(env: dict[str, str]) -> dict:
    """A public task id and a signed-in session of the drafter persona, from the bench DB."""
    out = subprocess.run(
        [sys.executable, "-c", _CONTEXT_SCRIPT], env=env, cwd=ROOT, check=True,
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [str(GUNICORN), "marketplace.wsgi:application", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/bench/trivial/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)  # the server is starting: poll, not a test
        yield base
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL: a gunicorn busy finishing wrk's last requests on loaded cores can
    take longer than its graceful timeout to go (a bench run died on a 10 s wait)."""
    process.terminate()
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
