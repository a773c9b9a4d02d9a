"""A PostgreSQL cluster that outlives a benchmark run (unlike devtools/pgtemp.py's), so the
generated databases are kept: initdb once into bench/data/pg, start on a free loopback port
for the run, stop after. Durability is off: the data can always be generated again."""

import os
import shutil
import subprocess
from pathlib import Path

from devtools.pgtemp import _as_postgres, _bindir, _free_port


class Cluster:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.bindir = _bindir()
        self.port: int | None = None

    def _run(self, args: list[str]) -> None:
        subprocess.run(_as_postgres(args), check=True)

    def start(self) -> None:
        if self.port:
            return
        if not (self.data / "PG_VERSION").exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.folder, user="postgres")
            self._run(
                [str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A",
                 "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", ">/dev/null"]
            )  # fmt: skip
        if (self.data / "postmaster.pid").exists():  # left running by an interrupted run
            subprocess.run(
                _as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                              "stop", ">/dev/null"]),
                check=False,
            )  # fmt: skip
        self.port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c shared_buffers=256MB -c max_wal_size=4GB"
        )
        self._run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log.txt"),
             "-w", "-o", f"'{options}'", "start", ">/dev/null"]
        )  # fmt: skip

    def start_and_create(self, name: str) -> str:
        """Start the cluster if needed and return the URL of database `name` (created once)."""
        self.start()
        psql = [
            str(self.bindir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
        ]
        exists = subprocess.run(
            [*psql, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        if not exists:
            subprocess.run([*psql, "-qc", f"CREATE DATABASE {name}"], check=True)
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.port:
            self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop",
                       ">/dev/null"])  # fmt: skip
            self.port = None
