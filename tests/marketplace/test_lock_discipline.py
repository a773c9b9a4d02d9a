"""Only modules named locks.py take row locks: the lock order is written once per app and a
`select_for_update` anywhere else is a second, unchecked copy of it (a deadlock waiting to
happen when two paths lock the same rows in a different order)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {"tests", "migrations", ".venv", "node_modules", "__pycache__", "staticfiles"}


def lock_calls(source: str) -> list[tuple[int, bool]]:
    """(line, names its table with of=) for each use of select_for_update in `source`.

    A call is checked for `of=`; the bare attribute (the method passed around) and a string
    constant (`getattr(qs, "select_for_update")`) count as uses that name nothing."""
    tree = ast.parse(source)
    calls = {
        node.func.lineno: any(keyword.arg == "of" for keyword in node.keywords)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "select_for_update"
    }
    other_uses = {
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "select_for_update")
        or (isinstance(node, ast.Constant) and node.value == "select_for_update")
    }
    return sorted({**dict.fromkeys(other_uses - set(calls), False), **calls}.items())


def product_files() -> list[Path]:
    return sorted(
        path for path in ROOT.rglob("*.py") if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts)
    )


def test_only_locks_modules_call_select_for_update():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in product_files()
        if path.name != "locks.py"
        for line, _ in lock_calls(path.read_text())
    ]
    assert offenders == [], (
        "select_for_update outside a locks.py; add a lock function to the app's locks.py "
        f"(in its documented order) and call that: {offenders}"
    )


def test_every_lock_names_the_table_it_locks():
    """`of=("self",)` everywhere, so a joined row (a user, a task) is never locked by accident."""
    unnamed = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in product_files()
        if path.name == "locks.py"
        for line, names_of in lock_calls(path.read_text())
        if not names_of
    ]
    assert unnamed == []


def test_the_scan_sees_the_project_and_its_lock_modules():
    """A guard that scanned nothing would pass forever."""
    scanned = {str(path.relative_to(ROOT)) for path in product_files()}
    assert {"projects/locks.py", "accounts/locks.py", "projects/careers/locks.py"} <= scanned
    assert "projects/services/applications.py" in scanned
    assert not any(name.startswith("tests/") for name in scanned)
    assert sum(len(lock_calls((ROOT / name).read_text())) for name in scanned) >= 15


@pytest.mark.parametrize(
    "source",
    [
        "Task.objects.select_for_update(of=('self',)).get(pk=1)\n",
        "qs = Task.objects.filter(pk=1)\nrow = qs.select_for_update().first()\n",
        "lock = getattr(Task.objects, 'select_for_update')\n",
        "lock = Task.objects.select_for_update\n",
    ],
)
def test_the_scan_finds_every_spelling_of_a_lock(source):
    assert lock_calls(source)


def test_the_scan_ignores_mentions_in_comments_and_other_names():
    assert lock_calls("# never select_for_update here\nx = 'select_for_update()'\n") == []
