"""Fix round after the first-use walks, in real Chromium: the welcome wizard is done on Finish or
Skip (never by opening it) and resumes where it was left; /settings/ by role; the nav's "Post a
task", its account menu and phone rows; the e-mail page and the CSS finish. Screenshots go to
test-artifacts/screens/fix-*.png."""

import re
from pathlib import Path

from django.test import Client
from playwright.sync_api import expect

from accounts.models import Profile
from accounts.services.profiles import profile_update
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import SkillFactory, UserFactory

SCREENS = Path("test-artifacts/screens")
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 900}


def _shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"fix-{name}.png"), full_page=True)


def _log_in(page, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def _person(name, *, draft=True, mentor=False, onboarded=True):
    user = UserFactory(finish__display_name=name)
    profile_update(
        user=user,
        data={
            "wants_to_draft": draft,
            "wants_to_mentor": mentor,
            "onboarding_completed": onboarded,
        },
    )
    return user


def test_opening_the_wizard_saves_nothing_it_resumes_and_the_dashboard_leads_back(page):
    drafter = _person("Lin Chen", onboarded=False)
    _log_in(page, drafter)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/welcome/")
    page.get_by_text("Step 1 of 3: About you").wait_for()
    page.wait_for_load_state("networkidle")
    profile = Profile.objects.get(user=drafter)
    assert profile.onboarding_completed_at is None  # opening it is not finishing it

    page.get_by_label("Headline").fill("Design student who loves research interviews")
    page.get_by_role("button", name="Continue").first.click()
    page.get_by_text("Step 2 of 3: Skills").wait_for()
    page.reload()
    page.get_by_text("Step 2 of 3: Skills").wait_for()  # resumes at the first step not done
    expect(page.get_by_role("heading", name="Your skills")).to_be_visible()
    SkillFactory(name="Data analysis", category="data")
    page.get_by_label("Find a skill").fill("data ana")
    page.get_by_role("button", name=re.compile("^Data analysis")).click()
    remove = page.locator(".skill-row button")
    page.set_viewport_size(PHONE)
    assert remove.bounding_box()["width"] < 160  # a normal-size Remove, not a stretched bar
    _shot(page, "wizard-skills-390")
    page.set_viewport_size(WIDE)

    page.goto(page.base + "/dashboard/")
    card = page.locator("[data-setup]")
    expect(card).to_be_visible()
    expect(card.get_by_role("heading", name="Finish setting up")).to_be_visible()
    _shot(page, "dashboard-finish-setting-up-1280")
    page.set_viewport_size(PHONE)
    _shot(page, "dashboard-finish-setting-up-390")
    page.set_viewport_size(WIDE)
    card.get_by_role("link", name="Continue setting up").click()

    page.get_by_role("button", name="Skip setup for now").click()
    page.get_by_role("heading", name="Setup skipped").wait_for()
    profile.refresh_from_db()
    assert profile.onboarding_completed_at is not None
    page.goto(page.base + "/dashboard/")
    page.get_by_role("heading", name="Your dashboard").wait_for()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-setup]")).to_be_hidden()


def test_the_wizard_names_where_a_work_address_is_confirmed(page):
    mentor = _person("Maya Okafor", draft=False, mentor=True, onboarded=False)
    _log_in(page, mentor)
    page.goto(page.base + "/welcome/")
    expect(page.locator("#linkedin-help")).to_contain_text("Settings → E-mail addresses")


def test_settings_show_a_drafter_no_mentor_sections(page):
    drafter = _person("Sam Drafter")
    _log_in(page, drafter)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/settings/")
    page.get_by_text("Your profile is").wait_for()
    expect(page.get_by_text("Tick Mentor above to see mentor settings.")).to_be_visible()
    expect(page.get_by_role("group", name="If you mentor")).to_be_hidden()
    expect(page.get_by_role("heading", name="Offers from drafters")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Settings sections")
    assert nav.get_by_role("link", name="Offers").count() == 0
    expect(page.get_by_label("Let mentors find me")).to_be_visible()
    # The photo's help keeps its numbers inline: one or two lines, not five.
    help_text = page.locator("#avatar-help")
    page.wait_for_function(
        "() => !document.querySelector('#avatar-help').textContent.includes('a few')"
    )
    line = float(help_text.evaluate("(node) => parseFloat(getComputedStyle(node).lineHeight)"))
    assert help_text.bounding_box()["height"] <= 2 * line + 1
    _shot(page, "settings-drafter-1280")
    assert_fits_width(page, 390)
    bar = page.locator("[data-completeness] .progress").bounding_box()
    box = page.locator("[data-completeness]").bounding_box()
    assert bar["width"] > box["width"] * 0.8  # its own full-width row on a phone
    _shot(page, "settings-drafter-390")
    assert_accessible(page)

    page.set_viewport_size(WIDE)
    page.get_by_label(re.compile("^Mentor")).check()  # ticking the role shows its settings
    expect(page.get_by_role("group", name="If you mentor")).to_be_visible()
    expect(page.get_by_text("Tick Mentor above to see mentor settings.")).to_be_hidden()


def test_settings_show_a_mentor_no_matching_and_a_mentor_headline(page):
    mentor = _person("Maya Mentor", draft=False, mentor=True)
    _log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/settings/")
    page.get_by_text("Your profile is").wait_for()
    expect(page.get_by_label("Let mentors find me")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Settings sections")
    assert nav.get_by_role("link", name="Matching").count() == 0
    expect(page.locator("#headline-help")).to_contain_text("drafters read next to your tasks")
    offers = page.locator("#offers")
    expect(offers).to_be_visible()
    expect(offers.get_by_role("link", name="your Offers page")).to_be_visible()
    expect(page.get_by_text("Tick Mentor above")).to_be_hidden()


def test_a_mentor_posts_from_the_nav_and_the_account_menu_works_by_keyboard(page):
    mentor = _person("Maya Mentor", draft=True, mentor=True)
    _log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/tasks/new/")
    nav = page.get_by_role("navigation", name="Main")
    post = nav.get_by_role("link", name="Post a task")
    expect(post).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Browse tasks")).not_to_have_attribute(
        "aria-current", "page"
    )
    # One row at desktop width: every top-level item shares the first one's line.
    tops = [item.bounding_box()["y"] for item in nav.locator(":scope > ul > li").all()]
    assert max(tops) - min(tops) < 12, tops
    brand = page.get_by_role("link", name="Slipstream home").bounding_box()
    assert abs(brand["y"] + brand["height"] / 2 - (min(tops) + 22)) < 24  # the brand's row too
    expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_be_visible()

    expect(nav.get_by_role("link", name="Settings")).to_be_hidden()
    page.locator("[data-account-menu] > summary").focus()
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link", name="Settings")).to_be_visible()
    expect(nav.get_by_role("button", name="Log out")).to_be_visible()
    _shot(page, "nav-account-menu-1280")
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(nav.get_by_role("link", name="Settings")).to_be_hidden()
    expect(page.locator("[data-account-menu] > summary")).to_be_focused()

    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Menu").click()
    page.locator("[data-account-menu] > summary").click()
    for row in nav.locator("li > a, li > form button, summary").all():
        if row.is_visible():
            assert row.bounding_box()["height"] >= 44, row.inner_text()
    _shot(page, "nav-menu-390")
    assert_fits_width(page, 390)


def test_the_email_page_and_sign_in_forms_speak_the_sites_words(page):
    drafter = _person("Sam Drafter")
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/accounts/login/")
    expect(page.get_by_label("Remember me", exact=True)).to_be_visible()
    page.goto(page.base + "/accounts/signup/")
    help_text = page.locator("#id_password1_helptext")
    expect(help_text).to_have_text(re.compile(r"^At least 8 characters"))
    assert page.locator("#id_password1_helptext li").count() == 0

    _log_in(page, drafter)
    page.goto(page.base + "/accounts/email/")
    expect(page.get_by_role("heading", name="E-mail addresses", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile("confirm a work address", re.I))).to_be_visible()
    # The only address is the primary one: nothing to make primary, nothing to remove.
    expect(page.get_by_role("button", name=re.compile("^(Remove|Make primary)"))).to_have_count(0)
    expect(page.get_by_text("Your only address cannot be removed")).to_be_visible()
    _shot(page, "email-page-1280")
    assert_accessible(page)
    assert_fits_width(page, 390)
    _shot(page, "email-page-390")
