"""The drafter walk's last points, in Chromium at 1280 and 390 px: skill names never break
mid-word on a phone; the apply form says every mistake at once without a request; the wizard's
end and the dashboard tell the same completeness (and step 2 asks for a third skill)."""

import re
from pathlib import Path

from playwright.sync_api import expect

from accounts.services.profiles import profile_update
from accounts.services.skills import user_skills_set
from tests.browser.first_use import WIDE, checked_at_both_widths, log_in, person
from tests.factories import PortfolioItemFactory, SkillFactory, TaskFactory

SHOTS = Path("/tmp/s7d2")
PHONE = {"width": 390, "height": 844}
NAMES = ["Python", "Data analysis", "Technical writing", "Stakeholder interviews"]

# How many lines each chosen skill's name takes (a Range's boxes: one per line).
NAME_LINES = """() => [...document.querySelectorAll('[data-skill-list] .skill-name')]
  .filter((node) => node.checkVisibility())
  .map((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return [node.textContent, tops.size];
  })"""


def _skills(user, names):
    user_skills_set(
        user=user,
        items=[{"skill_id": SkillFactory(name=name).pk, "level": "working"} for name in names],
    )


def _one_line_each(page, names):
    expect(page.locator("[data-skill-list] .skill-name").first).to_be_visible()
    lines = dict(page.evaluate(NAME_LINES))
    assert lines == dict.fromkeys(names, 1), lines


def test_skill_names_stay_whole_on_a_phone_in_settings_and_the_wizard(page):
    drafter = person("Sam Rivera")
    _skills(drafter, NAMES)
    log_in(page, drafter)
    page.set_viewport_size(PHONE)

    page.goto(f"{page.base}/settings/#skills")
    _one_line_each(page, NAMES)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "settings-skills-390.png"), full_page=True)

    page.goto(f"{page.base}/welcome/")
    page.get_by_role("button", name="Skills", exact=True).click()
    _one_line_each(page, NAMES)
    checked_at_both_widths(page, SHOTS, "wizard-skills")


def test_the_apply_form_says_every_mistake_at_once_without_sending(page):
    drafter = person("Sam Rivera")
    task = TaskFactory(title="Tidy the interview notes", questions=["Which tool would you use?"])
    log_in(page, drafter)
    page.set_viewport_size(WIDE)
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.method)
            if request.method != "GET" and "/applications/" in request.url
            else None
        ),
    )
    page.goto(f"{page.base}/tasks/{task.pk}/")

    page.get_by_role("button", name="Send application").click()

    form = page.locator("[data-apply-form]")
    expect(form.locator("#apply-note-error")).to_have_text(
        "Write a short note: what you would do, and which work shows you can."
    )
    expect(form.locator("#apply-link-error")).to_have_text(
        "Attach at least one portfolio item or a link to a work sample."
    )
    expect(form.locator("#answer-0-error")).to_have_text("Answer the mentor\u2019s question.")
    expect(page.get_by_label("Your note")).to_be_focused()
    checked_at_both_widths(page, SHOTS, "apply-errors")
    assert sent == []

    # Fixed, it is sent once and lands on the application.
    page.get_by_label("Your note").fill("I would group the notes by theme first.")
    page.get_by_label("Link to a work sample").fill("https://example.org/my-report")
    page.get_by_label("Which tool would you use?").fill("A spreadsheet, then a short memo.")
    page.get_by_role("button", name="Send application").click()
    expect(page).to_have_url(re.compile(r"/applications/\d+/$"))
    assert sent == ["POST"]
    assert page.url.endswith(f"/applications/{task.applications.get().pk}/")


def test_the_wizard_asks_for_a_third_skill_and_ends_on_the_dashboards_completeness(page):
    drafter = person("Sam Rivera", onboarded=False)
    profile_update(user=drafter, data={"headline": "Design student who loves research"})
    _skills(drafter, ["Python", "Data analysis"])
    PortfolioItemFactory(owner=drafter)
    log_in(page, drafter)
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base}/welcome/")
    expect(page.get_by_role("heading", name="Your skills")).to_be_visible()
    # A drafter is never shown the mentors' step, not even before the script runs.
    assert page.locator("[data-step-marker='4']").is_hidden()
    shell = page.request.get(f"{page.base}/welcome/").text()
    assert '<li data-step-marker="4" hidden>Offers from drafters</li>' in shell

    page.get_by_role("button", name="Continue", exact=True).click()
    ask = page.locator("[data-skills-short]")
    expect(ask).to_contain_text("Add one more so mentors can find you")
    expect(page.get_by_role("heading", name="Your skills")).to_be_visible()
    checked_at_both_widths(page, SHOTS, "wizard-third-skill")

    page.get_by_role("button", name="Continue with 2 skills").click()
    page.get_by_role("button", name="Skip this step").click()
    done = page.locator("[data-step=done]")
    expect(done).to_be_visible()
    expect(page.locator("h1")).to_have_text("Your profile is saved")
    missing = done.locator("[data-done-missing]")
    expect(missing).to_contain_text("% complete. Still to do first: Add at least 3 skills.")
    words = missing.inner_text()
    checked_at_both_widths(page, SHOTS, "wizard-done")

    page.goto(f"{page.base}/dashboard/")
    box = page.locator("[data-completeness]")
    expect(box).to_be_visible()
    percent = box.locator("[data-complete-percent]").inner_text()
    assert words.startswith(f"Your profile is {percent}% complete.")
    expect(box.locator("[data-complete-next]")).to_have_text("Next: Add at least 3 skills")


def test_verify_shows_an_unreadable_paste_whole_and_says_it_once(page):
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/verify/")
    page.get_by_role("textbox", name="Credential").fill("hello, this is not a credential")
    page.get_by_role("button", name="Verify").click()

    result = page.locator("[data-verify-result]")
    expect(result.locator("[data-result-title]")).to_have_text("Not a readable credential")
    expect(result.locator("[data-result-title]")).to_be_focused()
    message = result.locator("[data-result-message]")
    expect(message).to_have_text(re.compile(r"^Paste the whole text of the \.jwt file"))
    box = result.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= WIDE["height"], box
    checked_at_both_widths(page, SHOTS, "verify-unreadable")


def test_save_this_search_says_what_saving_does(page):
    log_in(page, person("Sam Rivera"))
    page.goto(f"{page.base}/tasks/")
    help_text = page.locator("#save-search-help")
    expect(help_text).to_contain_text("Once a day we e-mail you the tasks newly published")
    expect(page.get_by_label("Save this search as")).to_have_attribute(
        "aria-describedby", "save-search-help"
    )
    expect(help_text.get_by_role("link", name="Settings → Notifications")).to_have_attribute(
        "href", "/settings/notifications/"
    )


def test_a_failed_continue_on_a_phone_keeps_the_label_and_summary_in_view(page):
    drafter = person("", onboarded=False)
    log_in(page, drafter)
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base}/welcome/")
    expect(page.get_by_role("heading", name="About you")).to_be_visible()
    page.locator("[data-step='1'] button[type=submit]").scroll_into_view_if_needed()
    page.locator("[data-step='1'] button[type=submit]").click()

    name = page.get_by_label("Name", exact=True)
    expect(name).to_be_focused()
    for node in (
        page.locator("label[for=display_name]"),
        page.locator("[data-step='1'] [data-form-error]"),
    ):
        box = node.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
