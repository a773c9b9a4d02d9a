"""Run a command against a throwaway PostgreSQL cluster on loopback.

    python devtools/pgtemp.py -- pytest ...

initdb into a temporary folder, start the server on a free 127.0.0.1 port with durability off
(tests do not need it), export DATABASE_URL for the command, then stop the server and delete
the folder whatever the command's outcome. Exit status is the command's.

Autovacuum is off too. Tests insert inside transactions they roll back: autovacuum saw a table full
of pages and not one live row, and recorded it as empty (the skill catalogue: 271 pages, no rows).
The planner then believed every later test's rows were not there: the recommendations' candidate
statement, 0.1 s on 45 tasks, took 52 s a drafter in one worker's database (the evaluation test ran
15 minutes). Never analyzed, the planner sizes each table by its pages, as in a fresh database.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def _bindir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb") or shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    sys.exit(
        "PostgreSQL server binaries (initdb, pg_ctl) not found.\n"
        "Install them with: apt-get install -y postgresql"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; hand them to the postgres system user.
    if os.geteuid() == 0:
        return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(args)]
    return args


def main(argv: list[str]) -> int:
    if "--" not in argv:
        sys.exit("usage: pgtemp.py -- COMMAND [ARGS...]")
    command = argv[argv.index("--") + 1 :]
    bindir = _bindir()
    workdir = Path(tempfile.mkdtemp(prefix="slipstream-pg-"))
    if os.geteuid() == 0:
        shutil.chown(workdir, user="postgres")
    data, log, port = workdir / "data", workdir / "log.txt", _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={workdir} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
        "-c autovacuum=off"
    )
    pg_ctl = str(bindir / "pg_ctl")
    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
        initdb += ["--no-sync", "-E", "UTF8", "--locale=C.UTF-8", ">/dev/null"]
        subprocess.run(_as_postgres(initdb), check=True)
        start = [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-o", f"'{options}'", "start"]
        subprocess.run(_as_postgres([*start, ">/dev/null"]), check=True)
        env = dict(os.environ, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/postgres")
        print(f"pgtemp: PostgreSQL ({bindir.parent.name}) on 127.0.0.1:{port}", flush=True)
        return subprocess.run(command, env=env, check=False).returncode
    except subprocess.CalledProcessError as error:
        if log.exists():
            sys.stderr.write(log.read_text())
        sys.stderr.write(f"pgtemp: could not start PostgreSQL: {error}\n")
        return 1
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop", ">/dev/null"]),
                check=False,
            )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
