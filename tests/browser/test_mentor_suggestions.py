"""/mentors/ shows a signed-in drafter a "Suggested for you" strip: the mentors who welcome
offers on their skills, each with why, above the full list; anonymous and mentor-only people
never ask for it. At 1280 and 390 px."""

from pathlib import Path

from playwright.sync_api import expect

from accounts.services.profiles import profile_update
from projects.offers.services.settings import offer_settings_update
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in, log_out
from tests.factories import SkillFactory, UserFactory, UserSkillFactory

SCREENS = Path("test-artifacts/screens")
SUGGESTIONS = "/api/v1/me/mentor-suggestions/"


def _person(name: str, *, drafts: bool, mentors: bool):
    user = UserFactory(finish__display_name=name)
    profile_update(
        user=user,
        data={"wants_to_draft": drafts, "wants_to_mentor": mentors, "onboarding_completed": True},
    )
    return user


def _open_mentor(name: str, topic: str):
    mentor = _person(name, drafts=False, mentors=True)
    offer_settings_update(
        mentor=mentor, data={"is_open": True}, topic_ids=[SkillFactory(name=topic).pk]
    )
    return mentor


def _watch_api(page) -> tuple[list[str], list[str]]:
    """(suggestion requests made, API answers of 4xx/5xx) while the page is used."""
    asked: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if SUGGESTIONS in r.url else None)
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}") if "/api/" in r.url and r.status >= 400 else None
        ),
    )
    return asked, failed


def test_a_drafter_sees_the_mentor_who_welcomes_their_skill_suggested_with_its_reason(page):
    _open_mentor("Rhea Research", "User research")
    _open_mentor("Pia Python", "Python")
    _open_mentor("Ilse Illustration", "Illustration")
    drafter = _person("Sam Drafter", drafts=True, mentors=False)
    UserSkillFactory(user=drafter, skill=SkillFactory(name="Python"), level="working")
    _asked, failed = _watch_api(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    log_in(page, drafter)
    page.goto(page.base + "/mentors/")
    strip = page.get_by_role("region", name="Suggested for you")
    expect(strip).to_be_visible()
    suggested = strip.get_by_role("list", name="Suggested for you").locator(":scope > li")
    expect(suggested).to_have_count(1)
    expect(suggested.first.get_by_role("heading", name="Pia Python")).to_be_visible()
    expect(suggested.first.get_by_role("list", name="Why Pia Python")).to_have_text(
        "Welcomes offers on your skills: Python"
    )
    expect(suggested.first.get_by_role("link", name="Offer to help Pia Python")).to_be_visible()
    # The full list still follows, under its own heading, with every open mentor.
    expect(page.get_by_role("heading", name="All mentors open to offers")).to_be_visible()
    expect(page.get_by_role("list", name="Mentors").locator(":scope > li")).to_have_count(3)
    assert_accessible(page)
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / "mentor-suggestions-1280.png", full_page=True)
    assert_fits_width(page, 390)
    assert_accessible(page)
    page.screenshot(path=SCREENS / "mentor-suggestions-390.png", full_page=True)
    assert failed == []


def test_the_strip_stays_hidden_and_unasked_for_people_it_has_nothing_for(page):
    _open_mentor("Pia Python", "Python")
    mentor_only = _person("Maya Mentor", drafts=False, mentors=True)
    no_skills = _person("Nia New", drafts=True, mentors=False)
    asked, failed = _watch_api(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Anonymous and a mentor who does not draft: the page never asks.
    for person in [None, mentor_only]:
        if person:
            log_in(page, person)
        page.goto(page.base + "/mentors/")
        expect(page.get_by_role("list", name="Mentors").locator(":scope > li")).to_have_count(1)
        expect(page.get_by_role("region", name="Suggested for you")).to_have_count(0)
        if person:
            log_out(page)
    assert asked == []

    # A drafter with no skills yet: asked, answered with nothing, and the strip stays hidden.
    log_in(page, no_skills)
    with page.expect_response(lambda r: SUGGESTIONS in r.url):
        page.goto(page.base + "/mentors/")
    expect(page.get_by_role("list", name="Mentors").locator(":scope > li")).to_have_count(1)
    expect(page.locator("[data-suggested]")).to_be_hidden()
    expect(page.get_by_role("heading", name="All mentors open to offers")).to_be_hidden()
    assert failed == []
