"""First use, as a new drafter and a new mentor would meet it (issue 22), in real Chromium:
sign-up → one-click confirmation → wizard ("let mentors find me") → apply, with the keyboard
only; the e-mail banner and the 403 that says what to do; a mentor's credibility questions and
"verified at"; handles from names that redirect. Screenshots of every step go to
test-artifacts/screens/first-use-*.png."""

import re
from pathlib import Path

from django.core import mail
from rest_framework.test import APIClient

from accounts.models import Profile
from projects.models import Application
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import SkillFactory, TaskFactory, UserFactory

PASSWORD = "a-very-decent-passphrase-42"
SCREENS = Path("test-artifacts/screens")
WIDE = {"width": 1280, "height": 900}


def _shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"first-use-{name}.png"), full_page=True)


def _at_both_widths(page, name: str) -> None:
    """axe, a screenshot at 1280 px, then the same page at 390 px: fits, axe, screenshot."""
    page.set_viewport_size(WIDE)
    assert_accessible(page)
    _shot(page, f"{name}-1280")
    assert_fits_width(page, 390)
    assert_accessible(page)
    _shot(page, f"{name}-390")
    page.set_viewport_size(WIDE)


def _tab_to(page, locator, presses: int = 80) -> None:
    """Press Tab (only) until `locator` has the focus, as a keyboard user would."""
    handle = locator.element_handle()
    for _ in range(presses):
        if page.evaluate("(node) => document.activeElement === node", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def _type_into(page, locator, text: str) -> None:
    _tab_to(page, locator)
    page.keyboard.type(text)


def _press(page, locator, key: str = "Enter") -> None:
    _tab_to(page, locator)
    page.keyboard.press(key)


def _link_for(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    return re.search(r"/accounts/confirm-email/[^/\s]+/", message.body).group(0)


def _sign_up_with_keyboard(page, *, email: str, role: str = "drafter") -> None:
    page.goto(page.base + f"/accounts/signup/?role={role}")
    _type_into(page, page.get_by_label("Email"), email)
    _type_into(page, page.get_by_label("Password:", exact=True), PASSWORD)
    _type_into(page, page.get_by_label("Password (again):"), PASSWORD)
    _press(page, page.get_by_role("button", name=re.compile("Create my account", re.I)))
    page.get_by_role("heading", name="Confirm your e-mail address").wait_for()


def test_keyboard_only_new_drafter_signs_up_confirms_is_found_and_applies(page):
    python = SkillFactory(name="Python", category="data")
    mentor = UserFactory(finish__display_name="Maya Mentor")
    task = TaskFactory(mentor=mentor, title="Clean a survey dataset", skills=[python])
    page.set_viewport_size(WIDE)

    # Home → Sign up, from the header, with the keyboard.
    page.goto(page.base + "/")
    _press(page, page.locator("#site-nav").get_by_role("link", name="Sign up"))
    page.wait_for_url("**/accounts/signup/")
    _at_both_widths(page, "01-sign-up")
    _type_into(page, page.get_by_label("Email"), "lin@example.org")
    _type_into(page, page.get_by_label("Password:", exact=True), PASSWORD)
    _type_into(page, page.get_by_label("Password (again):"), PASSWORD)
    _press(page, page.get_by_role("button", name=re.compile("Create my account", re.I)))

    # The waiting page: signed in already, with resend and correct-the-address.
    page.get_by_role("heading", name="Confirm your e-mail address").wait_for()
    assert page.get_by_role("button", name="Send the link again").is_visible()
    assert page.get_by_label("Correct e-mail address").is_visible()
    assert "contact us" not in page.content().lower()
    assert page.locator(".confirm-banner").count() == 0  # the page asks itself
    _at_both_widths(page, "02-confirm-your-address")

    # One click on the e-mailed link confirms and goes on to the wizard.
    page.goto(page.base + _link_for("lin@example.org"))
    page.wait_for_url("**/welcome/")
    page.get_by_text("Step 1 of 3").wait_for()
    assert page.locator(".confirm-banner").count() == 0
    yes = page.get_by_label(re.compile("^Yes, let mentors find me"))
    assert yes.is_checked()  # preselected, with what mentors see said next to it
    assert "Never your e-mail address" in page.locator("[data-discoverable-question]").inner_text()
    assert not page.get_by_label("Organisation").is_visible()  # a drafter is not asked
    _at_both_widths(page, "03-wizard-about-you")
    _type_into(page, page.get_by_label("Name"), "Lin Chen")
    _type_into(page, page.get_by_label("Headline"), "Economics student who loves clean data")
    _press(page, page.locator("[data-step='1'] button[type=submit]"))

    page.get_by_text("Step 2 of 3").wait_for()
    _type_into(page, page.get_by_label("Find a skill"), "Pyth")
    _press(page, page.get_by_role("button", name=re.compile("^Python")))
    page.get_by_label("Level for Python").wait_for()
    _at_both_widths(page, "04-wizard-skills")
    _press(page, page.locator("[data-skills-next]"))
    # One skill is fewer than the profile asks for: the step says so once, and lets her on.
    _press(page, page.get_by_role("button", name="Continue with 1 skill"))

    page.get_by_text("Step 3 of 3").wait_for()
    _press(page, page.locator("[data-finish]"))
    page.get_by_role("heading", name="You are set up").wait_for()
    assert "can now find you" in page.locator("[data-done-text]").inner_text()
    _at_both_widths(page, "05-wizard-done")

    profile = Profile.objects.get(user__email="lin@example.org")
    assert profile.discoverable is True
    assert profile.handle == "lin-chen"
    # The mentor now finds Lin among the task's recommended drafters.
    as_mentor = APIClient()
    as_mentor.force_authenticate(mentor)
    found = as_mentor.get(f"/api/v1/tasks/{task.pk}/recommended-drafters/").json()
    assert [row["handle"] for row in found] == ["lin-chen"]

    # Apply, still with the keyboard: For you → the task → the form.
    _press(page, page.get_by_role("link", name="See tasks that fit you"))
    page.wait_for_url("**/for-you/")
    _press(page, page.get_by_role("link", name="Clean a survey dataset").first)
    page.get_by_role("heading", name="Clean a survey dataset", level=1).wait_for()
    assert page.title() == "Clean a survey dataset · Slipstream"
    _type_into(page, page.get_by_label("Your note"), "I clean survey data in pandas every week.")
    _type_into(page, page.get_by_label("Link to a work sample"), "https://example.org/lin/cleaning")
    _at_both_widths(page, "06-apply")
    _press(page, page.get_by_label("Link to a work sample"))  # Enter submits the form
    page.wait_for_url(re.compile(r"/applications/\d+/\?sent=1$"))
    _at_both_widths(page, "07-applied")
    assert Application.objects.filter(task=task, drafter=profile.user).exists()


def test_before_confirming_a_banner_shows_and_applying_says_what_to_do(page):
    task = TaskFactory(title="Summarise ten interviews")
    page.set_viewport_size(WIDE)
    _sign_up_with_keyboard(page, email="sam@exmaple.org")

    # A typo at sign-up is corrected on the waiting page; the link goes to the new address.
    _type_into(page, page.get_by_label("Correct e-mail address"), "sam@example.org")
    _press(page, page.get_by_role("button", name="Use this address"))
    page.get_by_text("Done: we sent a new link to sam@example.org").wait_for()
    assert page.locator("[data-current-email]").inner_text() == "sam@example.org"
    _at_both_widths(page, "08-address-corrected")

    page.goto(page.base + f"/tasks/{task.pk}/")
    banner = page.locator(".confirm-banner")
    banner.wait_for()
    assert "sam@example.org" in banner.inner_text()
    page.get_by_label("Your note").fill("I summarise interviews for my thesis.")
    page.get_by_label("Link to a work sample").fill("https://example.org/sam")
    page.get_by_role("button", name="Send application").click()
    error = page.locator("[data-apply-form] [data-form-error]")
    error.wait_for()
    assert "Confirm your e-mail address to apply" in error.inner_text()
    _at_both_widths(page, "09-unconfirmed-apply")

    page.goto(page.base + _link_for("sam@example.org"))
    page.wait_for_url("**/welcome/")
    page.goto(page.base + f"/tasks/{task.pk}/")
    page.get_by_label("Your note").wait_for()
    assert page.locator(".confirm-banner").count() == 0


def test_a_new_mentor_is_asked_for_credentials_and_shows_a_verified_work_domain(page):
    page.set_viewport_size(WIDE)
    _sign_up_with_keyboard(page, email="maya@gmail.com", role="mentor")
    page.goto(page.base + _link_for("maya@gmail.com"))
    page.get_by_text("Step 1 of 3").wait_for()
    assert not page.locator("[data-discoverable-question]").is_visible()  # a mentor only
    page.get_by_label("Name").fill("Maya Okafor")
    page.get_by_label("Organisation").fill("Acme Research")
    page.get_by_label("Job title").fill("Head of Insights")
    page.get_by_label("LinkedIn profile").fill("https://www.linkedin.com/in/maya-okafor")
    _at_both_widths(page, "10-mentor-wizard")
    page.locator("[data-step='1'] button[type=submit]").click()
    page.get_by_text("Step 2 of 3").wait_for()
    page.locator("[data-skip-skills]").click()
    page.get_by_text("Step 3 of 3: Offers from drafters").wait_for()
    page.locator("[data-skip-offers]").click()
    page.get_by_role("heading", name="You are set up").wait_for()

    # Confirm a second, work address: its domain (only) becomes the mentor's "verified at".
    page.get_by_role("link", name="Confirm a work e-mail address").click()
    page.get_by_label("E-mail address").fill("maya@acme.com")
    page.get_by_role("button", name="Add the address").click()
    page.goto(page.base + _link_for("maya@acme.com"))
    page.goto(page.base + "/u/maya-okafor/")
    page.get_by_text("Verified at acme.com").wait_for()
    assert page.title() == "Maya Okafor · Slipstream"
    assert "maya@acme.com" not in page.content()
    assert page.get_by_role("link", name="LinkedIn").get_attribute("href") == (
        "https://www.linkedin.com/in/maya-okafor"
    )
    _at_both_widths(page, "11-mentor-profile-verified")
    task = TaskFactory(mentor=Profile.objects.get(handle="maya-okafor").user)
    card = APIClient().get(f"/api/v1/tasks/{task.pk}/").json()["mentor_card"]
    assert card["verified_work_domain"] == "acme.com"


def test_the_handle_is_chosen_once_in_settings_and_the_old_link_redirects(page):
    person = UserFactory(finish__display_name="Lin Chen")
    Profile.objects.filter(user=person).update(onboarding_completed_at="2026-01-01T00:00Z")
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password:", exact=True).fill("correct-horse-battery-staple")
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.get_by_role("button", name="Log out", include_hidden=True).wait_for(state="attached")

    page.goto(page.base + "/settings/")
    page.get_by_text("Your profile is").wait_for()
    assert page.get_by_label("Let mentors find me").is_visible()  # with the profile now
    page.get_by_label("Handle").fill("lin-c")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    assert page.get_by_label("Handle").get_attribute("readonly") is not None
    page.get_by_text("You have changed it once already").wait_for()
    _at_both_widths(page, "12-settings-handle-and-matching")

    page.goto(page.base + "/u/lin-chen/")
    page.wait_for_url("**/u/lin-c/")
    page.get_by_role("heading", name="Lin Chen", level=1).wait_for()
    assert page.title() == "Lin Chen · Slipstream"

    page.goto(page.base + "/settings/notifications/")
    assert page.get_by_role("link", name="Settings → Matching").is_visible()
    assert page.get_by_label("Let mentors find me").count() == 0


def test_a_drafter_who_leaves_the_wizard_early_has_nothing_saved_and_is_asked_again(page):
    """Opening the wizard saves nothing (it is done on Finish or Skip): a drafter who leaves
    after the first screen is not marked done, and the question still shows "yes" preselected
    when they come back."""
    page.set_viewport_size(WIDE)
    _sign_up_with_keyboard(page, email="early.leaver@example.org")
    page.goto(page.base + "/welcome/")
    page.get_by_label(re.compile("let mentors find me", re.I)).first.wait_for()
    page.wait_for_load_state("networkidle")
    page.goto(page.base + "/tasks/")

    profile = Profile.objects.get(user__email="early.leaver@example.org")
    assert profile.onboarding_completed_at is None
    page.goto(page.base + "/welcome/")
    assert page.get_by_label(re.compile("let mentors find me", re.I)).first.is_checked()
