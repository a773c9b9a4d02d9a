"""Career-office staff, the walk's findings (issue 19): a staff-only account reads a task's terms
as their students' (not "You receive"); /careers/ stays short and navigable on a phone; row
actions keep short labels; the outside-domains check defaults to going back; a new colleague
is told what they joined."""

from pathlib import Path

from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.careers.conftest import make_office
from tests.factories import TaskFactory

SCREENS = Path("/tmp/s2")


def log_in(page, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def _shoot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"{name}-{width}.png", full_page=True)
    assert_fits_width(page, 390)
    page.set_viewport_size({"width": 1280, "height": 900})


def _office_admin(name="Priya Shah"):
    office = make_office("Riverbend University", "riverbend.edu")
    profile = office.admin.profile
    profile.display_name = name
    # Staff only: neither drafts nor mentors.
    profile.wants_to_draft = profile.wants_to_mentor = False
    profile.joins_career_office = True
    profile.save()
    return office


def test_staff_only_accounts_read_a_tasks_terms_as_their_students(page):
    office = _office_admin()
    task = TaskFactory(stipend_amount=18000, what_you_gain="A reference letter.")
    log_in(page, office.admin)

    page.goto(page.base + f"/tasks/{task.pk}/")
    reward = page.locator("[data-task-reward]")
    expect(reward).to_contain_text("Students receive $162.00 after the 10% platform fee.")
    expect(reward).to_contain_text("Students gain: A reference letter.")
    expect(reward).not_to_contain_text("You ")
    assert_accessible(page)
    _shoot(page, "task-staff-terms")


def test_a_drafter_still_reads_a_tasks_terms_as_their_own(page):
    office = _office_admin()
    office.admin.profile.wants_to_draft = True
    office.admin.profile.save()
    task = TaskFactory(stipend_amount=18000, what_you_gain="A reference letter.")
    log_in(page, office.admin)

    page.goto(page.base + f"/tasks/{task.pk}/")
    reward = page.locator("[data-task-reward]")
    expect(reward).to_contain_text("You receive $162.00 after the 10% platform fee.")
    expect(reward).to_contain_text("You also gain: A reference letter.")
