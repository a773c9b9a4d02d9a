"""The pages' JavaScript has no build step, so nothing else would notice a syntax error before a
person's browser does; and it keeps to one way of building DOM (el()/fill() in ui.js)."""

import re
import subprocess
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "frontend" / "static"
NODE = "/usr/bin/node"
SCRIPTS = sorted(p for p in STATIC.rglob("*.js") if "vendor" not in p.relative_to(STATIC).parts)


def test_there_are_scripts_to_check():
    assert len(SCRIPTS) > 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(STATIC)))
def test_script_parses(script):
    # Every script is an ES module. `node --check file.js` parses as CommonJS first and misses
    # module-only errors (an import and a function with the same name), so say it is a module.
    result = subprocess.run(
        [NODE, "--input-type=module", "--check"],
        input=script.read_text(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(STATIC)))
def test_script_builds_dom_only_through_the_escaping_helpers(script):
    source = script.read_text()
    for pattern in ("innerHTML", "outerHTML", "insertAdjacentHTML", "escapeHtml", "document.write"):
        assert pattern not in source, f"{script.name} uses {pattern}; build nodes with el()/fill()"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(STATIC)))
def test_script_hard_codes_no_limit_the_api_publishes(script):
    source = script.read_text()
    # A small page on purpose (three featured tasks) is fine; a big one means a cut-off list,
    # unless the script walks the cursor to the end (an export reading page after page).
    sizes = [int(n) for n in re.findall(r"page_size=(\d+)", source)]
    walks = re.search(r"url = \w+\.next\b", source)
    cut = not walks and any(n >= 10 for n in sizes)
    assert not cut, f"{script.name} cuts a list at {sizes}: follow `next`"
    limit = re.search(r"\b\d+ (days?|MB)\b", source)
    assert not limit, f"{script.name} quotes a limit ({limit and limit[0]}): use /api/v1/config/"
    length = re.search(r"maxlength: *[\"'`]?\d|\b\d[\d,]* characters", source)
    assert not length, f"{script.name} types a text limit ({length and length[0]}): textLimit()"
    assert "my_role" not in source, f"{script.name} reads my_role: the API sends viewer_role"
