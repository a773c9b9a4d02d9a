"""Stripe behind one door: only stripe_client.py imports `stripe`, and it keys every write."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_PACKAGES = ["marketplace", "accounts", "projects", "frontend"]
DOOR = ROOT / "projects" / "stipends" / "stripe_client.py"
# Stripe calls that change something; reads (retrieve, list) need no idempotency key.
MUTATING = {"create", "update", "expire", "cancel", "delete", "capture", "confirm", "close"}


def _imports_stripe(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            alias.name.split(".")[0] == "stripe" for alias in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "stripe":
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
        ):
            return True
    return False


def test_only_stripe_client_imports_stripe():
    importers = sorted(
        str(path.relative_to(ROOT))
        for package in PRODUCT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if _imports_stripe(ast.parse(path.read_text(), filename=str(path)))
    )

    assert importers == ["projects/stipends/stripe_client.py"]


def _mutating_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of Stripe's write methods: `..v1.<resource>.<create|expire|...>` passed to _call
    (as the method) or called directly."""
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        target = node.args[0] if node.args and _is_call_helper(node) else node.func
        is_write = isinstance(target, ast.Attribute) and target.attr in MUTATING
        if is_write and "v1" in ast.unparse(target):
            calls.append(node)
    return calls


def _is_call_helper(node: ast.Call) -> bool:
    return isinstance(node.func, ast.Name) and node.func.id == "_call"


def _has_idempotency_key(call: ast.Call) -> bool:
    for keyword in call.keywords:
        if keyword.arg == "options" and isinstance(keyword.value, ast.Dict):
            keys = [k.value for k in keyword.value.keys if isinstance(k, ast.Constant)]
            if "idempotency_key" in keys:
                return True
    return False


def test_every_mutating_stripe_call_passes_an_idempotency_key():
    tree = ast.parse(DOOR.read_text())

    calls = _mutating_calls(tree)
    missing = [ast.unparse(call)[:80] for call in calls if not _has_idempotency_key(call)]

    # accounts, account links, checkout sessions (create + expire), transfers, refunds
    assert len(calls) == 6
    assert missing == []


def test_the_check_catches_a_write_without_a_key():
    sloppy = ast.parse("_call(_client().v1.transfers.create, params={'amount': 1})")

    [call] = _mutating_calls(sloppy)

    assert not _has_idempotency_key(call)
