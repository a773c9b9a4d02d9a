"""Real headless Chromium (Debian's package) driven by Playwright against pytest-django's
live server. Playwright's own browser download does not work here, so we point it at
/usr/bin/chromium (or $CHROMIUM_PATH)."""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the same
# thread are still synchronous, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


# The tests' screenshots are for people to look at: `SCREENSHOTS=1` saves them (under
# test-artifacts/screens/ and the folders the tests name). A run nobody looks at skips taking
# them — about a quarter of a page-walking test's time; no assertion reads them.
SAVE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with 'apt-get install -y chromium' "
            "or set CHROMIUM_PATH (make test installs it when it can)."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def page(page, live_server):
    """A page on the live server that fails the test on any CSP violation or script error."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.set_default_timeout(10_000)
    page.base = live_server.url
    if SAVE_SCREENSHOTS:
        yield page
    else:
        taken = page.screenshot
        page.screenshot = lambda *args, **kwargs: b""
        yield page
        page.screenshot = taken  # before pytest-playwright's own shot of a failed test
    assert not problems, "\n".join(problems)


# axe.run, leaving out the rules that cannot find anything this check fails on: a violation's
# impact is the highest impact among its rule's failed checks, so a rule whose checks (and whose
# own stated impact) are all "minor" or "moderate" can never report a serious or critical one.
# Those 25 rules of axe 4.14 (landmarks, region, heading order...) are about a third of a run's
# time; the list is worked out from the injected axe itself, so a new axe version stays exact.
AXE_RUN_SERIOUS = """async () => {
  const MILD = new Set(['minor', 'moderate']);
  const impacts = (rule) => [rule.impact, ...[...rule.any, ...rule.all, ...rule.none]
    .map((check) => (axe._audit.data.checks[typeof check === 'string' ? check : check.id] || {})
    .impact)];
  const rules = {};
  for (const rule of axe._audit.rules) {
    if (impacts(rule).every((impact) => MILD.has(impact))) rules[rule.id] = {enabled: false};
  }
  return await axe.run(document, {resultTypes: ['violations'], rules});
}"""


def assert_accessible(page, ignore: frozenset[str] = frozenset()) -> None:
    """Fail on any serious or critical axe-core violation on the current page (`ignore`: rule
    ids a third-party page's own markup breaks and we cannot change)."""
    # evaluate() runs through the DevTools protocol, so the page's CSP (no inline scripts)
    # stays in force for the page itself while axe is injected.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(AXE_RUN_SERIOUS)
    serious = [
        v
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"} and v["id"] not in ignore
    ]
    summary = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in serious
    ]
    assert not serious, f"axe violations on {page.url}:\n{json.dumps(summary, indent=2)}"


def assert_fits_width(page, width: int = 375) -> None:
    """Nothing overflows sideways on a phone-sized viewport."""
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url} is {overflow}px wide at a {width}px viewport"


def confirm(page, button: str, note: str | None = None) -> None:
    """Answer the confirmation dialog (dialog.js): optionally type its note, then press
    `button` inside it with the keyboard."""
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    if note is not None:
        dialog.get_by_role("textbox").fill(note)
    dialog.get_by_role("button", name=button, exact=True).press("Enter")
    dialog.wait_for(state="detached")
