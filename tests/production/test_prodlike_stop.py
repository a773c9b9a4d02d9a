"""`make prodlike` stops everything it started whatever stops it: a CI timeout, a process
manager or `kill` sends SIGTERM, and no service, port or database may outlive it."""

import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.prodlike, pytest.mark.postgres_only]


def _output_until(process: subprocess.Popen, marker: str, *, timeout: float) -> str:
    """What the process printed, once it printed `marker` (it starts every service first)."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not any(marker in line for line in lines):
        assert process.poll() is None, "prodlike exited while starting:\n" + "".join(lines)
        assert time.monotonic() < deadline, "prodlike did not start in time:\n" + "".join(lines)
        time.sleep(0.5)
    return "".join(lines)


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_sigterm_stops_every_service_of_the_topology_and_frees_its_ports():
    prodlike = subprocess.Popen(
        # Every process `make prodlike` starts (static files aside: they take a minute).
        [sys.executable, "devtools/prodlike.py", "--scheduler", "--no-collectstatic"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    started: list[psutil.Process] = []
    try:
        printed = _output_until(prodlike, "stops everything", timeout=600)
        site = re.search(r"site \(nginx\)\s+(\S+)", printed).group(1)
        ports = [int(port) for port in re.findall(r"127\.0\.0\.1:(\d+)", printed)]
        pg_data = Path(re.search(r"\(data (\S+)\)", printed).group(1))
        postmaster = int((pg_data / "postmaster.pid").read_text().split()[0])
        # Every service runs in a session of its own; PostgreSQL is pg_ctl's daemon.
        started = psutil.Process(prodlike.pid).children(recursive=True)
        started.append(psutil.Process(postmaster))
        names = {p.name() for p in started}
        assert requests.get(f"{site}healthz", timeout=10).json()["database"] == "ok"
        assert {"gunicorn", "nginx", "redis-server", "postgres"} <= names, names
        assert len(ports) == 8 and all(_listening(port) for port in ports)

        prodlike.send_signal(signal.SIGTERM)
        prodlike.wait(timeout=180)

        _, alive = psutil.wait_procs(started, timeout=10)
        assert alive == []
        assert [port for port in ports if _listening(port)] == []
        assert not pg_data.exists()
        assert prodlike.returncode == 0
    finally:
        if prodlike.poll() is None:
            prodlike.kill()
        for process in started:
            if process.is_running():
                process.kill()
