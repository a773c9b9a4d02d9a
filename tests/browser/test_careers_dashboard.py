"""Career-office staff sign in → dashboard with charts (and their tables) → create an API key
→ the key works against the API → revoke it on the page → it stops working. axe clean."""

import json
import re
import urllib.error
import urllib.request

from playwright.sync_api import expect

from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Engagement
from tests.browser.conftest import assert_accessible, assert_fits_width, confirm
from tests.careers.conftest import make_office, make_student
from tests.factories import DEFAULT_PASSWORD, EngagementFactory, SkillFactory, TaskFactory


def _api(base: str, key: str) -> int:
    request = urllib.request.Request(  # noqa: S310 — the test's own live server
        f"{base}/api/v1/careers/students/", headers={"Authorization": f"Api-Key {key}"}
    )
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310
            json.loads(response.read())
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_staff_dashboard_charts_and_key_lifecycle(page):
    office = make_office()
    python = SkillFactory(name="Python")
    for i in range(6):
        student = make_student(office, f"Student {i}", programme="Economics")
        EngagementFactory(
            drafter=student,
            application__task=TaskFactory(skills=[python], stipend_amount=20000 if i % 2 else None),
            state=Engagement.State.COMPLETED if i < 4 else Engagement.State.ACTIVE,
        )
    careers_summary_rebuild()  # the factories write past the services that keep it in step

    page.goto(page.base + "/accounts/login/?next=/careers/")
    page.get_by_label("Email").fill(office.admin.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url("**/careers/")
    page.get_by_role("heading", name="Northfield University: career office").wait_for()

    # Headline numbers and four charts, each an SVG image with a table alternative.
    page.locator("[data-headline]").get_by_text("Students taking part").wait_for()
    charts = page.locator("[data-chart] svg[role=img]")
    charts.first.wait_for()
    assert charts.count() == 5  # the funnel, then four
    participation = page.get_by_role("img", name=re.compile("Participation over time"))
    assert participation.is_visible()
    page.get_by_text("Show as a table").nth(2).click()
    assert page.get_by_role("table", name=re.compile("Completion rate by term")).is_visible()
    assert page.locator("[data-headline]").inner_text().count("6") >= 1
    assert_accessible(page)

    # Filters: a programme with all six students keeps the numbers.
    page.get_by_role("form", name="Show figures for:").get_by_label("Programme").select_option(
        "Economics"
    )
    page.get_by_role("button", name="Apply").click()
    assert_accessible(page)

    # Create a key: shown once; it works against the API.
    page.goto(page.base + "/careers/settings/")
    page.get_by_label("Key name").fill("Handshake sync")
    page.get_by_role("button", name="Create key").click()
    shown = page.locator("[data-new-key-value]")
    expect(shown).to_contain_text("slk_")
    secret = shown.inner_text()
    page.get_by_role("cell", name="Handshake sync", exact=True).wait_for()
    assert _api(page.base, secret) == 200

    # Revoke it on the page: it stops working at once.
    page.get_by_role("button", name="Revoke Handshake sync").click()
    confirm(page, "Revoke Handshake sync")
    page.get_by_role("cell", name="Revoked", exact=True).wait_for()
    assert _api(page.base, secret) == 401
    assert_accessible(page)
    assert_fits_width(page)
