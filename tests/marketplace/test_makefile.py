"""The Makefile's set-up promises: `make run` installs only what running needs, `make check` is
the fast check with no system packages, and `make run` and `make test` share one virtualenv
without undoing each other. Runs make against a stand-in virtualenv whose `python` only records
what it was asked to do (nothing is installed)."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def venv(tmp_path):
    """A virtualenv whose python logs its arguments (one line per call) and succeeds."""
    log = tmp_path / "python.log"
    python = tmp_path / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$*" >> {log}\n')
    python.chmod(0o755)
    return tmp_path / "venv", log


def _make(target: str, venv_dir: Path) -> str:
    done = subprocess.run(
        ["make", "--no-print-directory", target, f"VENV={venv_dir}", "PYTHON=python3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _installs(log: Path) -> list[str]:
    if not log.exists():
        return []
    return [line for line in log.read_text().splitlines() if "install --quiet -r" in line]


def test_run_on_a_fresh_machine_installs_only_the_running_requirements(venv):
    venv_dir, log = venv

    _make("venv-run", venv_dir)

    assert _installs(log) == ["-m pip install --quiet -r requirements/run.txt"]


def test_run_after_test_installs_nothing_and_keeps_the_dev_tools(venv):
    venv_dir, log = venv
    _make("venv", venv_dir)

    _make("venv-run", venv_dir)

    assert _installs(log) == ["-m pip install --quiet -r requirements/dev.txt"]


def test_test_after_run_installs_the_dev_requirements(venv):
    venv_dir, log = venv
    _make("venv-run", venv_dir)

    _make("venv", venv_dir)

    assert _installs(log)[-1] == "-m pip install --quiet -r requirements/dev.txt"
    assert not _installs(log)[-1].endswith("run.txt")


def test_a_second_run_installs_nothing_more(venv):
    venv_dir, log = venv
    _make("venv-run", venv_dir)

    _make("venv-run", venv_dir)

    assert len(_installs(log)) == 1


def test_check_needs_no_system_packages_and_leaves_out_browser_and_topology_tests(venv):
    venv_dir, _ = venv

    planned = subprocess.run(
        ["make", "-n", "--no-print-directory", "check", f"VENV={venv_dir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "ensure_system_deps" not in planned and "apt-get" not in planned
    assert '-m "not browser and not prodlike"' in planned
    assert "lint-imports" in planned and "ruff check" in planned


def test_test_runs_lint_and_both_database_passes_with_browsers_on_sqlite(venv):
    venv_dir, _ = venv

    planned = subprocess.run(
        ["make", "-n", "--no-print-directory", "test", f"VENV={venv_dir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "ruff check" in planned and "lint-imports" in planned and "mypy" in planned
    sqlite, postgres = planned.index("env -u DATABASE_URL"), planned.index("pgtemp.py")
    assert sqlite < postgres
    assert '-m "not browser"' in planned[postgres:]
    assert "not browser" not in planned[sqlite:postgres]
