"""The guard (issue 13): every page, in every role, at a desktop and a phone width, shows no
`null`, `undefined`, `[object …]` or raw framework message, passes axe (serious/critical), and is
saved as a screenshot under test-artifacts/screens/ for people to look at (with SCREENSHOTS=1).

One test walks the five roles in turn, signed out and with nothing stored between them; the demo
data (seed_demo, made once for all five) gives every page something to draw: open, draft and
closed tasks, applications, engagements in each state, feedback, thanks."""

import re
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from accounts.models import User
from accounts.services.profiles import profile_update
from projects.management.demo_career_office import CAREERS_STAFF_EMAIL
from projects.models import Application, Engagement, Task
from tests.browser.conftest import assert_accessible
from tests.factories import DEFAULT_PASSWORD, TaskFactory

SCREENS = Path("test-artifacts/screens")  # pytest-playwright empties test-results/ per run
WIDTHS = (1280, 390)
# What must never reach a reader: values leaking from code, and the framework's stock sentences.
FORBIDDEN = re.compile(
    r"\bnull\b|\bundefined\b|\[object |\bNaN\b"
    r"|This field may not be (null|blank)\.|This field is required\."
    r"|A valid integer is required\.|Invalid pk|Request failed \(\d+\)"
)
SWAGGER_MARKUP = frozenset({"nested-interactive"})
ROLE_USERS = {"mentor": "maya", "drafter": "sam", "both": "ana", "staff": "staff"}


def _world() -> dict:
    call_command("seed_demo")
    maya = User.objects.get(email="maya.mentor@demo.slipstream.local")
    sam = User.objects.get(email="sam.drafter@demo.slipstream.local")
    ana = User.objects.get(email="ana.drafter@demo.slipstream.local")
    # Ana both drafts and mentors: she posts a task of her own.
    profile_update(user=ana, data={"wants_to_mentor": True})
    TaskFactory(mentor=ana, title="Proofread a grant summary")
    for user in (maya, sam, ana):
        user.set_password(DEFAULT_PASSWORD)
        user.save()
    staff = User.objects.filter(email=CAREERS_STAFF_EMAIL).first()
    if staff:
        staff.set_password(DEFAULT_PASSWORD)
        staff.save()
    completed = Engagement.objects.filter(state="completed").first()
    return {"maya": maya, "sam": sam, "ana": ana, "staff": staff, "completed": completed}


# Counts the page's API calls in flight, so a check waits exactly until the page has drawn
# (added through DevTools before any page script; the page's CSP is untouched).
COUNT_FETCHES = """
(() => {
  window.__inFlight = 0;
  const original = window.fetch;
  window.fetch = (...args) => {
    window.__inFlight += 1;
    return original(...args).finally(() => { setTimeout(() => { window.__inFlight -= 1; }, 0); });
  };
})();
"""
SETTLED = "() => document.readyState === 'complete' && window.__inFlight === 0"
STOPPED_LOADING = "() => !document.querySelector('main').innerText.includes('Loading')"


def _pages_for(role: str, world: dict) -> list[str]:
    # Pages that read the same for everyone signed in are checked once, for the person with
    # both roles; each role sees its own dashboard, inbox, profile, tasks and conversations.
    common = ["/", "/dashboard/", "/messages/", "/tasks/"]
    if role == "both":
        common += [
            "/notifications/",
            "/settings/",
            "/settings/portfolio/",
            "/settings/institutions/",
            "/settings/payouts/",
            "/ledger/",
            "/for-you/",
        ]
    if role == "visitor":
        task = Task.objects.filter(state="open").first()
        pages = [
            "/",
            "/tasks/",
            f"/tasks/{task.pk}/",
            f"/u/{world['maya'].profile.handle}/",
            f"/u/{world['sam'].profile.handle}/",
            "/accounts/login/",
            "/accounts/signup/",
            "/api/docs/",
            "/verify/",
        ]
        if world["completed"]:
            pages.append(f"/experience/{world['completed'].pk}/")
        return pages
    if role == "staff":
        return [
            reverse("frontend:careers"),
            reverse("frontend:careers-settings"),
            "/dashboard/",
            "/messages/",
            "/settings/institutions/",
        ]
    user = world[ROLE_USERS[role]]
    pages = [*common, f"/u/{user.profile.handle}/"]
    mine = Task.objects.filter(mentor=user).order_by("state")
    for task in mine[:3]:
        pages.append(f"/tasks/{task.pk}/")
    if mine:
        pages += ["/tasks/new/", f"/tasks/{mine[0].pk}/edit/"]
    for app in Application.objects.filter(task__mentor=user)[:2]:
        pages.append(f"/applications/{app.pk}/")
    for app in Application.objects.filter(drafter=user)[:2]:
        pages.append(f"/applications/{app.pk}/")
    for engagement in Engagement.objects.filter(mentor=user)[:3]:
        pages.append(f"/engagements/{engagement.pk}/")
    for engagement in Engagement.objects.filter(drafter=user)[:3]:
        pages.append(f"/engagements/{engagement.pk}/")
    return list(dict.fromkeys(pages))


def _log_in(page, user) -> None:
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.get_by_role("button", name="Log out", include_hidden=True).wait_for(state="attached")


def _check(page, role: str, path: str) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(page.base + path)
        if response is None or response.status >= 400:
            problems.append(f"{path}: HTTP {response and response.status}")
            continue
        page.wait_for_function(SETTLED)
        if path == "/api/docs/":
            page.locator(".opblock").first.wait_for()
        if path != "/api/docs/":
            # A page may chain loads (an await between two fetches): wait for it to finish.
            # (innerText: what a person sees, not hidden placeholders.)
            try:
                page.wait_for_function(STOPPED_LOADING, timeout=5000)
            except PlaywrightTimeoutError:
                problems.append(f"{role} {path} @{width}: still says Loading")
        text = page.locator("body").inner_text()
        if match := FORBIDDEN.search(text):
            start = max(0, match.start() - 60)
            problems.append(f"{role} {path} @{width}: {text[start : match.end() + 60]!r}")
        slug = re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home"
        page.screenshot(path=str(SCREENS / f"{role}-{slug}-{width}.png"), full_page=True)
        # Swagger UI nests its copy button inside the operation's toggle; that markup is theirs.
        # Everything else, contrast included, must pass there too.
        assert_accessible(page, ignore=SWAGGER_MARKUP if path == "/api/docs/" else frozenset())
    return problems


def test_every_page_reads_cleanly_and_passes_axe(page):
    # One demo for the five roles (seeding it is the slowest step), each role starting from a
    # signed-out browser with nothing stored; a role's problems are named with it.
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.add_init_script(COUNT_FETCHES)
    world = _world()
    problems = []
    for role in ("visitor", "drafter", "mentor", "both", "staff"):
        _forget_the_last_role(page)
        if role != "visitor":
            _log_in(page, world[ROLE_USERS[role]])
        for path in _pages_for(role, world):
            problems += [f"[{role}] {problem}" for problem in _check(page, role, path)]
    assert not problems, "\n".join(problems)


def _forget_the_last_role(page) -> None:
    """What a fresh browser would be: no session cookie, nothing in the page's storage."""
    page.context.clear_cookies()
    if page.url.startswith(page.base):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
