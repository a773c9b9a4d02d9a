"""The production topology on loopback: `make prodlike` (and the test that proves it).

    python devtools/prodlike.py [--seed] [--scheduler] [--no-collectstatic]

Starts, from Debian packages and PyPI only, each bound to 127.0.0.1 on a free port:
PostgreSQL, Redis, an S3-compatible object store (moto in server mode), an SMTP sink, the Stripe
stand-in, two gunicorn app servers (A and B), nginx balancing them, the task worker and (with
--scheduler) the scheduler. Runs migrations and the deployment checks, prints the URLs and waits
for Ctrl-C, SIGTERM or SIGHUP (a CI timeout, a process manager, `kill`); then stops everything,
every process group it started included, and deletes its folder. `Topology` does the same from
Python.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.pgtemp import _as_postgres, _bindir, _free_port  # noqa: E402

PY = sys.executable
BUCKET = "slipstream-uploads"
NGINX_CONF = Path(__file__).with_name("prodlike-nginx.conf")


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: every message lands as one .eml file."""

    def handle(self) -> None:
        self._reply("220 slipstream-sink")
        data: list[bytes] | None = None
        while line := self.rfile.readline():
            if data is not None:
                if line.rstrip(b"\r\n") == b".":
                    self.server.store(b"".join(data))  # type: ignore[attr-defined]
                    data = None
                    self._reply("250 queued")
                else:
                    data.append(line[1:] if line.startswith(b"..") else line)
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                self._reply("250-slipstream-sink\r\n250 8BITMIME")
            elif verb == b"DATA":
                data = []
                self._reply("354 end with .")
            elif verb == b"QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("250 ok")

    def _reply(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, folder: Path) -> None:
        super().__init__(("127.0.0.1", port), _SmtpHandler)
        self.folder, self.count, self.lock = folder, 0, threading.Lock()
        folder.mkdir(parents=True, exist_ok=True)

    def store(self, message: bytes) -> None:
        with self.lock:
            self.count += 1
            (self.folder / f"{self.count:06d}.eml").write_bytes(message)


def _wait_for(url: str, *, deadline: float, process: subprocess.Popen | None = None) -> None:
    """Until `url` answers (any HTTP status) or the deadline passes; fails fast if it died."""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 — loopback only
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in time")


def _wait_or_kill(process: subprocess.Popen, *, timeout: float) -> None:
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def _wait_for_port(port: int, *, deadline: float) -> None:
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def _together(*steps: Callable[[], object]) -> None:
    """Runs the steps on threads of their own and waits for all of them; the first failure
    is raised once every step has ended. Interrupted (Ctrl-C, SIGTERM), it still waits for them
    (each is bounded by its timeout) before raising: close() then sees all they started."""
    pool = ThreadPoolExecutor(max_workers=len(steps))
    try:
        futures = [pool.submit(step) for step in steps]
        wait(futures)
    finally:
        pool.shutdown(wait=True)
    for future in futures:
        future.result()


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP stop this process as Ctrl-C does: they raise KeyboardInterrupt, so
    the same `with`/`finally` blocks stop every service. Once stopping, further signals (a
    second Ctrl-C, a process manager repeating SIGTERM) are ignored so the cleanup finishes;
    each service's stop is bounded by a timeout, then SIGKILL."""

    def _stop(signum: int, frame: object) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)


class Topology:
    """Start with `with Topology() as topo:`; `topo.env` is the app's environment."""

    def __init__(
        self,
        *,
        seed: bool = False,
        scheduler: bool = False,
        collectstatic: bool = False,
        gunicorn_workers: int = 2,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.seed, self.scheduler, self.collectstatic = seed, scheduler, collectstatic
        self.gunicorn_workers, self.extra_env = gunicorn_workers, extra_env or {}
        self.dir = Path(tempfile.mkdtemp(prefix="slipstream-prodlike-"))
        self.processes: dict[str, subprocess.Popen] = {}
        # Every process group ever started (each service runs in a session of its own, so a
        # terminal's Ctrl-C reaches only us): reaped in close(), whatever is left in them.
        self.groups: set[int] = set()
        self.ports = {
            name: _free_port()
            for name in ("pg", "redis", "s3", "smtp", "stripe", "app_a", "app_b", "lb")
        }
        self.sink: SmtpSink | None = None
        # PostgreSQL refuses to run as root: its folder belongs to the postgres user.
        self.pg_dir = Path(tempfile.mkdtemp(prefix="slipstream-prodlike-pg-"))
        self.pg_data = self.pg_dir / "data"

    # --- URLs ----------------------------------------------------------------------------------
    def url(self, name: str = "lb") -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    @property
    def env(self) -> dict[str, str]:
        p = self.ports
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "prodlike-secret-" + "p" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_MANIFEST": "1" if self.collectstatic else "0",
            "DJANGO_STATIC_ROOT": str(self.dir / "static"),
            "DJANGO_MEDIA_ROOT": str(self.dir / "media-must-stay-empty"),
            "SITE_URL": self.url("lb"),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{p['pg']}/postgres",
            "CACHE_URL": f"redis://127.0.0.1:{p['redis']}/0",
            "STORAGE_URL": f"s3://{BUCKET}",
            "AWS_S3_ENDPOINT_URL": self.url("s3"),
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "prodlike",
            "AWS_SECRET_ACCESS_KEY": "prodlike",
            "TASKS_BACKEND": "database",
            "EMAIL_URL": f"smtp://127.0.0.1:{p['smtp']}",
            "STRIPE_SECRET_KEY": "sk_test_prodlike",
            "STRIPE_API_BASE": self.url("stripe"),
            "STRIPE_WEBHOOK_SECRET": "whsec_prodlike_platform",
            "STRIPE_CONNECT_WEBHOOK_SECRET": "whsec_prodlike_connect",
            "STRIPE_IDEMPOTENCY_NAMESPACE": "prodlike",
            "NUM_PROXIES": "1",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    # --- Processes -----------------------------------------------------------------------------
    def _spawn(self, name: str, args: list[str], **kwargs) -> subprocess.Popen:
        log = (self.dir / "logs" / f"{name}.log").open("ab")
        process = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True, **kwargs
        )
        self.processes[name] = process
        self.groups.add(process.pid)
        return process

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start_app(self, name: str) -> subprocess.Popen:
        env = {
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{self.ports[name]}",
            "GUNICORN_WORKERS": str(self.gunicorn_workers),
        }
        gunicorn = str(Path(PY).parent / "gunicorn")
        process = self._spawn(
            name, [gunicorn, "-c", "gunicorn.conf.py", "marketplace.wsgi"], env=env
        )
        _wait_for(f"{self.url(name)}/healthz", deadline=time.monotonic() + 60, process=process)
        return process

    def start_worker(self) -> subprocess.Popen:
        args = [PY, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"]
        return self._spawn("worker", [*args, "--no-startup-delay"], env=self.env)

    def start_redis(self) -> subprocess.Popen:
        args = ["redis-server", "--port", str(self.ports["redis"]), "--bind", "127.0.0.1"]
        process = self._spawn("redis", [*args, "--save", "", "--appendonly", "no"])
        _wait_for_port(self.ports["redis"], deadline=time.monotonic() + 10)
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM, *, timeout: float = 20) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        _wait_or_kill(process, timeout=timeout)

    def _start_postgres(self) -> None:
        bindir, pgdir = _bindir(), self.pg_dir
        if os.geteuid() == 0:
            shutil.chown(pgdir, user="postgres")
        initdb = [str(bindir / "initdb"), "-D", str(self.pg_data), "-U", "postgres", "-A", "trust"]
        subprocess.run(_as_postgres([*initdb, "--no-sync", "-E", "UTF8", ">/dev/null"]), check=True)
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.ports['pg']} -c unix_socket_directories="
            f"{pgdir} -c max_connections=200 -c fsync=off -c synchronous_commit=off"
        )
        start = [str(bindir / "pg_ctl"), "-D", str(self.pg_data), "-l", str(pgdir / "log.txt")]
        subprocess.run(
            _as_postgres([*start, "-w", "-o", f"'{options}'", "start", ">/dev/null"]), check=True
        )

    def _start_s3(self) -> None:
        args = [PY, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])]
        process = self._spawn("s3", args)
        _wait_for(f"{self.url('s3')}/", deadline=time.monotonic() + 30, process=process)
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.url("s3"),
            region_name="us-east-1",
            aws_access_key_id="prodlike",
            aws_secret_access_key="prodlike",  # noqa: S106 — moto accepts any key
        ).create_bucket(Bucket=BUCKET)

    def _start_nginx(self) -> None:
        if os.geteuid() == 0:
            # As root, nginx's workers run as nobody: they must reach their cache and temp
            # folders inside ours (traverse only: nothing in it becomes listable).
            self.dir.chmod(0o711)
        conf = self.dir / "nginx.conf"
        text = NGINX_CONF.read_text()
        for name, value in {
            "dir": self.dir,
            "port_a": self.ports["app_a"],
            "port_b": self.ports["app_b"],
            "port_lb": self.ports["lb"],
        }.items():
            text = text.replace(f"@{name}@", str(value))
        conf.write_text(text)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        process = self._spawn(
            "nginx", [nginx, "-p", str(self.dir), "-c", str(conf), "-g", "daemon off;"]
        )
        _wait_for(f"{self.url('lb')}/healthz", deadline=time.monotonic() + 10, process=process)

    def _start_stripe(self) -> None:
        hook = f"{self.url('lb')}/payments/stripe"
        self._spawn(
            "stripe",
            [
                PY,
                "-m",
                "devtools.stripe_standin",
                "--port",
                str(self.ports["stripe"]),
                "--webhook",
                f"{hook}/webhook/=whsec_prodlike_platform",
                "--connect-webhook",
                f"{hook}/connect-webhook/=whsec_prodlike_connect",
            ],
        )

    def _migrate(self) -> None:
        self.manage("migrate", "--no-input")
        if self.seed:
            self.manage("seed_demo")

    def start(self) -> Topology:
        (self.dir / "logs").mkdir()
        try:
            self.sink = SmtpSink(self.ports["smtp"], self.dir / "mail")
            threading.Thread(target=self.sink.serve_forever, daemon=True).start()
            # Each step's services depend only on the steps before it: within a step they start
            # side by side (mostly waiting: for PostgreSQL's start, moto's imports, Django's).
            _together(self._start_postgres, self.start_redis, self._start_s3, self._start_stripe)
            _together(
                self._migrate,
                # The same gate a real deploy runs: our production checks must pass here. They
                # read the configuration only, so they need not wait for the migrations.
                lambda: self.manage(
                    "check", "--deploy", "--tag", "production", "--fail-level", "WARNING"
                ),
                *(
                    [lambda: self.manage("collectstatic", "--no-input")]
                    if self.collectstatic
                    else []
                ),
            )
            _together(lambda: self.start_app("app_a"), lambda: self.start_app("app_b"))
            self._start_nginx()
            self.start_worker()
            if self.scheduler:
                self._spawn("scheduler", [PY, "manage.py", "run_scheduler"], env=self.env)
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        # Signalled together, they stop side by side (each gunicorn takes seconds to drain).
        stopping = [self.processes.pop(name) for name in reversed(list(self.processes))]
        stopping = [process for process in stopping if process.poll() is None]
        for process in stopping:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in stopping:
            _wait_or_kill(process, timeout=max(0.1, deadline - time.monotonic()))
        # A service's children (gunicorn's workers after a killed master, nginx's cache
        # manager) die with their group, not only with their leader.
        for group in self.groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        if self.sink is not None:
            self.sink.shutdown()
            self.sink.server_close()
        if (self.pg_data / "postmaster.pid").exists():
            stop = [str(_bindir() / "pg_ctl"), "-D", str(self.pg_data), "-m", "fast", "stop"]
            subprocess.run(_as_postgres([*stop, ">/dev/null"]), check=False)
        if not os.environ.get("PRODLIKE_KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)
        shutil.rmtree(self.pg_dir, ignore_errors=True)

    def __enter__(self) -> Topology:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wait_for_mail(self, *, count: int, timeout: float) -> int:
        """How many e-mails the sink holds, once it holds `count` or the time is up."""
        deadline = time.monotonic() + timeout
        while self.sink is not None and self.sink.count < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.sink.count if self.sink else 0

    def describe(self) -> str:
        p = self.ports
        return "\n".join(
            [
                f"  site (nginx)     {self.url('lb')}/",
                f"  app server A     {self.url('app_a')}/   app server B  {self.url('app_b')}/",
                f"  PostgreSQL       {self.env['DATABASE_URL']} (data {self.pg_data})",
                f"  Redis            redis://127.0.0.1:{p['redis']}/0",
                f"  S3 (moto)        {self.url('s3')}/{BUCKET}",
                f"  SMTP sink        127.0.0.1:{p['smtp']} -> {self.dir / 'mail'}",
                f"  Stripe stand-in  {self.url('stripe')}",
                f"  logs             {self.dir / 'logs'}",
            ]
        )


def main(argv: list[str]) -> int:
    seed, scheduler = "--seed" in argv, "--scheduler" in argv
    # Collecting and compressing the static files is most of the start on a busy machine;
    # without them the pages still render (their CSS and JS answer 404).
    collectstatic = "--no-collectstatic" not in argv
    stop_on_signals()
    try:
        with Topology(seed=seed, scheduler=scheduler, collectstatic=collectstatic) as topo:
            print("Slipstream, production topology on loopback:\n" + topo.describe(), flush=True)
            print("Ctrl-C (or SIGTERM, SIGHUP) stops everything.", flush=True)
            while all(p.poll() is None for p in topo.processes.values()):
                time.sleep(1)
            dead = [n for n, p in topo.processes.items() if p.poll() is not None]
            print(f"stopped: {', '.join(dead)} exited (see the logs)", file=sys.stderr)
            return 1
    except KeyboardInterrupt as stop:
        # The `with` has stopped every service by now, also when the signal came mid-start.
        print(f"\nstopped ({stop or 'SIGINT'}): every service is down.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
