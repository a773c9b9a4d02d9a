"""Issue 22: a new mentor, keyboard only, from the home page to an invitation: sign up →
verify → welcome wizard → post a paid task (the fee line shown) → recommended drafters (a
discoverable drafter is there) → invite. Every step is checked with axe and saved as a
screenshot at 1280 and 390 px under test-artifacts/screens/ for people to look at."""

import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from accounts.services.preferences import notification_preferences_update
from accounts.services.profiles import profile_update
from accounts.services.skills import user_skills_set
from projects.models import Invitation, Task
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import PortfolioItemFactory, SkillFactory, UserFactory

SCREENS = Path("test-artifacts/screens")
PASSWORD = "a-very-decent-passphrase-42"


def shot(page, step: str) -> None:
    """axe, no sideways scrolling at 390 px, and a full-page screenshot at both widths."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert_accessible(page)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 390:
            assert_fits_width(page, 390)
        page.screenshot(path=str(SCREENS / f"new-mentor-{step}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def type_into(page, label: str, text: str, **options) -> None:
    """Tab-free focus on a labelled field, then real key presses (no fill())."""
    field = page.get_by_label(label, **options)
    field.focus()
    field.press("ControlOrMeta+a")
    field.press_sequentially(text)


def press(locator) -> None:
    locator.focus()
    locator.press("Enter")


def test_a_new_mentor_posts_a_paid_task_and_invites_a_recommended_drafter_by_keyboard(
    page, settings
):
    settings.PLATFORM_FEE_PERCENT = 10
    copywriting = SkillFactory(name="Copywriting")
    dana = UserFactory(finish__display_name="Dana Drafter")
    profile_update(
        user=dana,
        data={
            "headline": "Writes clear product copy",
            "weekly_hours": 6,
            "onboarding_completed": True,
        },
    )
    user_skills_set(user=dana, items=[{"skill_id": copywriting.pk, "level": "working"}])
    PortfolioItemFactory(owner=dana, title="Landing page rewrite").skills.set([copywriting])
    notification_preferences_update(user=dana, discoverable=True)

    # Home → "Post overflow work" → sign-up with the mentor role already ticked.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base + "/")
    page.get_by_role("heading", level=1).wait_for()
    shot(page, "01-home")
    press(page.get_by_role("link", name="Post overflow work"))
    page.wait_for_url("**/accounts/signup/?role=mentor")
    expect(page.get_by_label(re.compile(r"^\s*Mentor"))).to_be_checked()
    expect(page.get_by_label(re.compile(r"^\s*Drafter"))).not_to_be_checked()
    type_into(page, "Email", "leo@acme.example")
    type_into(page, "Password:", PASSWORD, exact=True)
    type_into(page, "Password (again):", PASSWORD)
    shot(page, "02-signup")
    press(page.get_by_role("button", name=re.compile("Create my account", re.I)))

    # Verify: the e-mailed link (one click, or a Confirm button on older allauth settings).
    page.wait_for_url(re.compile(r"/accounts/confirm-email/|/accounts/.*verif"))
    shot(page, "03-verify-sent")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base + "/accounts" + link.split("/accounts", 1)[1])
    confirm = page.get_by_role("button", name="Confirm")
    if confirm.count():
        press(confirm)

    # The wizard: the role is not asked again; a mentor has three steps (offers from drafters
    # instead of a portfolio piece).
    page.wait_for_url("**/welcome/")
    page.get_by_text("Step 1 of 3").wait_for()
    expect(page.locator("[data-joined-as]")).to_have_text(
        "You joined as a mentor. You can change this in Settings."
    )
    type_into(page, "Name", "Leo Brandt")
    type_into(page, "Headline", "Content lead at Acme")
    shot(page, "04-wizard-about")
    press(page.get_by_role("button", name="Continue"))
    page.get_by_text("Step 2 of 3: Skills").wait_for()
    expect(page.locator("[data-step='2']")).to_contain_text("drafters see it on your profile")
    type_into(page, "Find a skill", "Copywr")
    page.get_by_role("button", name=re.compile("^Copywriting")).wait_for()
    page.get_by_label("Find a skill").press("Enter")
    page.get_by_role("list", name=re.compile("skills", re.I)).get_by_text(
        "Copywriting", exact=True
    ).first.wait_for()
    shot(page, "05-wizard-skills")
    press(page.get_by_role("button", name="Continue"))
    page.get_by_text("Step 3 of 3: Offers from drafters").wait_for()
    press(page.locator("[data-skip-offers]"))
    page.get_by_role("heading", name="You are set up").wait_for()
    shot(page, "06-wizard-done")

    # Post a paid task: the editor quotes what the drafter receives.
    press(page.get_by_role("main").get_by_role("link", name="Post a task"))
    page.wait_for_url("**/tasks/new/")
    type_into(page, "Title", "Rewrite our onboarding e-mails", exact=True)
    type_into(page, "Description", "Three e-mails for new customers. **Plain words**, warm tone.")
    type_into(page, "Add a skill", "Copywr")
    page.get_by_role("button", name=re.compile("^Copywriting")).wait_for()
    page.get_by_label("Add a skill").press("Enter")
    page.get_by_role("list", name="Skills wanted").get_by_text("Copywriting", exact=True).wait_for()
    type_into(page, "Estimated hours", "6")
    type_into(page, "Stipend (optional)", "150")
    expect(page.locator("[data-fee-quote]")).to_have_text(
        "You pay $150.00; the drafter receives $135.00 after the 10% platform fee."
    )
    type_into(page, "What the helper will gain", "A reference letter and a portfolio piece.")
    shot(page, "07-post-task")
    press(page.get_by_role("button", name="Save and publish"))
    page.wait_for_url(re.compile(r"/tasks/\d+/$"))
    expect(page.get_by_role("status").filter(has_text="Published.")).to_be_focused()
    task = Task.objects.get(title="Rewrite our onboarding e-mails")
    assert task.state == Task.State.OPEN and task.stipend_amount == 15000
    expect(page.locator("[data-task-reward]")).to_contain_text(
        "You pay $150.00; the drafter receives $135.00 after the 10% platform fee."
    )

    # Recommended drafters: Dana, with reasons; invite her from the keyboard.
    page.get_by_role("heading", name="Recommended drafters").wait_for()
    reasons = page.get_by_role("list", name="Why Dana Drafter")
    expect(reasons).to_contain_text("Copywriting")
    shot(page, "08-task-and-recommended-drafters")
    press(page.get_by_role("button", name="Invite Dana Drafter"))
    page.get_by_text("Invitation sent to Dana Drafter").wait_for()
    expect(page.get_by_role("button", name="Invited Dana Drafter")).to_be_disabled()
    assert Invitation.objects.filter(task=task, drafter=dana).exists()
    shot(page, "09-invited")
