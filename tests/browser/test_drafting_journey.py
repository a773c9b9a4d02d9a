"""The whole drafting journey in Chromium: post → search → apply → shortlist → accept →
messages → deliver → revision → re-deliver → approve → feedback both ways → thanks →
verified experience on the public profile endpoint. axe-clean on every page.

The participants' actions are taken from the keyboard (Enter on the focused control), and after
each one keyboard focus is on its result or on the next control, never dropped to the page."""

import re

from playwright.sync_api import expect

from projects.services.applications import application_create
from tests.browser.conftest import assert_accessible, assert_fits_width, confirm
from tests.browser.first_use import log_in as log_in_with_cookie
from tests.factories import DEFAULT_PASSWORD, PortfolioItemFactory, TaskFactory, UserFactory


def log_in(page, user):
    """Sign `user` in with a session cookie made server-side (signing in through the form is
    test_auth_flow.py's subject), then open the login page: it sends a signed-in member where
    the form would have (the welcome wizard, /careers/ or the dashboard), in one request."""
    log_in_with_cookie(page, user)
    page.goto(page.base + "/accounts/login/")
    page.get_by_role("button", name="Log out", include_hidden=True).wait_for(state="attached")


def log_in_with_password(page, user):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.get_by_role("button", name="Log out", include_hidden=True).wait_for(state="attached")


def log_out(page):
    # Wait for the logout response itself: a late one would overwrite the next login's cookie.
    page.set_viewport_size({"width": 1280, "height": 900})  # the menu is open at desktop width
    page.locator("[data-account-menu] > summary").click()  # Log out lives in the account menu
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in", exact=True).wait_for()


def test_the_drafting_journey(page):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    drafter = UserFactory(finish__display_name="Sam Drafter")
    PortfolioItemFactory(owner=drafter, title="Listener study for a campus radio show")

    # The mentor posts a task.
    log_in(page, mentor)
    page.goto(page.base + "/tasks/new/")
    page.get_by_label("Title", exact=True).fill("Interview five podcast listeners")
    page.get_by_label("Description").fill("Find five listeners and ask them **why** they stay.")
    page.get_by_label("Estimated hours").fill("6")
    page.get_by_label("What the helper will gain").fill("A reference and credit in the show.")
    assert_accessible(page)
    page.get_by_role("button", name="Save and publish").click()
    page.get_by_role("heading", name="Interview five podcast listeners").wait_for()
    expect(page.get_by_role("status").filter(has_text="Published.")).to_be_focused()
    task_url = page.url  # the one-off ?published=1 is gone once it has been announced
    assert "?" not in task_url
    page.get_by_role("heading", name="Applications").wait_for()
    assert page.get_by_text("No applications yet").is_visible()
    assert_accessible(page)
    log_out(page)

    # The drafter searches, finds and applies.
    log_in(page, drafter)
    page.goto(page.base + "/tasks/")
    page.get_by_role("searchbox", name="Search").fill("podcast")
    page.get_by_role("button", name="Show tasks").click()
    page.get_by_role("link", name="Interview five podcast listeners").click()
    assert page.url == task_url
    page.get_by_role("heading", name="Apply for this task").wait_for()
    assert "point to work you've done" in page.content()
    assert_accessible(page)
    page.get_by_label("Your note").fill("I would recruit from the show's Discord; see my study.")
    page.get_by_role("button", name="Send application").press("Enter")
    page.get_by_text("Attach at least one portfolio item or a link").wait_for()  # no work yet
    # Focus goes to the first field in error, so the fix is one keystroke away.
    work = page.get_by_label("Listener study for a campus radio show")
    expect(work).to_be_focused()
    page.keyboard.press("Space")
    expect(work).to_be_checked()
    page.get_by_role("button", name="Send application").press("Enter")
    page.wait_for_url(re.compile(r"/applications/\d+/"))
    # Issue 13 point 9: applying says it worked and what happens next, with focus on it.
    expect(page.get_by_role("status").filter(has_text="Application sent.")).to_be_focused()
    page.get_by_role("heading", name="Messages").wait_for()
    assert page.title() == "Your application to Interview five podcast listeners · Slipstream"
    assert_accessible(page)
    log_out(page)

    # The mentor shortlists, accepts and writes.
    log_in(page, mentor)
    page.goto(task_url)
    page.get_by_text("Listener study for a campus radio show").wait_for()  # the work speaks
    page.get_by_role("button", name="Shortlist Sam Drafter").press("Enter")
    page.get_by_text("Shortlisted").wait_for()
    expect(page.get_by_role("status").filter(has_text="On your shortlist")).to_be_focused()
    page.get_by_role("button", name="Accept Sam Drafter").press("Enter")
    confirm(page, "Accept Sam Drafter")
    page.wait_for_url(re.compile(r"/engagements/\d+/$"))
    engagement_url = page.url
    page.get_by_text("In progress").first.wait_for()
    # Point 11: the timeline reads in the order things happened.
    steps = page.locator("[data-timeline] li").all_inner_texts()
    accepted = next(i for i, t in enumerate(steps) if "Application accepted" in t)
    started = next(i for i, t in enumerate(steps) if "Work started" in t)
    assert accepted < started
    page.get_by_label("Write a message").fill("Welcome aboard! Start whenever you like.")
    page.get_by_role("button", name="Send message").press("Enter")
    page.get_by_text("Welcome aboard! Start whenever you like.").wait_for()
    expect(page.get_by_label("Write a message")).to_be_focused()  # ready for the next one
    assert_accessible(page)
    log_out(page)

    # The drafter sees the notification, replies and delivers.
    log_in(page, drafter)
    page.goto(page.base + "/dashboard/")
    page.get_by_role("link", name=re.compile("Deliver your work")).click()
    assert page.url == engagement_url
    page.get_by_text("Welcome aboard! Start whenever you like.").wait_for()
    page.get_by_label("Write a message").fill("Thanks! Starting today.")
    page.get_by_role("button", name="Send message").click()
    page.get_by_text("Thanks! Starting today.").wait_for()
    page.get_by_label("Link to the work").fill("https://example.org/sam/interviews-v1")
    page.get_by_role("button", name="Deliver", exact=True).press("Enter")
    page.get_by_text("Delivered — waiting for your mentor to review.").wait_for()
    expect(page.get_by_role("status").filter(has_text="Work delivered")).to_be_focused()
    assert_accessible(page)
    log_out(page)

    # The mentor asks for a revision.
    log_in(page, mentor)
    page.goto(engagement_url)
    page.get_by_label("What should change?").fill("Please add two direct quotes.")
    page.get_by_role("button", name="Request revision").press("Enter")
    page.get_by_text("Revision requested: Please add two direct quotes.").wait_for()
    expect(page.get_by_role("status").filter(has_text="The drafter has been told")).to_be_focused()
    log_out(page)

    # The drafter re-delivers.
    log_in(page, drafter)
    page.goto(engagement_url)
    page.get_by_label("Link to the work").fill("https://example.org/sam/interviews-v2")
    page.get_by_label("Note for your mentor").fill("Quotes added on page 2.")
    page.get_by_role("button", name="Deliver", exact=True).press("Enter")
    page.get_by_text("Delivery 2").wait_for()
    expect(page.get_by_role("status").filter(has_text="Work delivered")).to_be_focused()
    log_out(page)

    # The mentor approves and leaves feedback with competencies.
    log_in(page, mentor)
    page.goto(engagement_url)
    page.get_by_role("button", name="Approve the work").press("Enter")
    confirm(page, "Approve")
    page.get_by_role("heading", name="Leave feedback").wait_for()
    expect(page.get_by_role("status").filter(has_text="Work approved")).to_be_focused()
    page.get_by_label("What went well").fill("Careful interviews, clear write-up.")
    page.get_by_text("Rate career-readiness (optional)").press("Enter")  # folded (issue 22)
    page.get_by_label("Communication").select_option("5")
    page.get_by_label("Endorsement (shown on their profile)").fill("Sam runs great interviews.")
    assert_accessible(page)
    # The rating has no default: sending without one says so on the field and focuses it.
    page.get_by_role("button", name="Submit feedback").press("Enter")
    page.get_by_text("Choose a rating from 1 to 5.").wait_for()
    expect(page.get_by_label("Overall rating")).to_be_focused()
    page.get_by_label("Overall rating").select_option("5")
    page.get_by_role("button", name="Submit feedback").press("Enter")
    page.get_by_role("heading", name="Your feedback").wait_for()
    # Point 11: competencies read with the same names the form used.
    assert page.get_by_text("Communication: 5 / 5").is_visible()
    expect(page.get_by_role("status").filter(has_text="Feedback saved")).to_be_focused()
    log_out(page)

    # The drafter leaves feedback (unblinding both) and says thanks.
    log_in(page, drafter)
    page.goto(engagement_url)
    page.get_by_label("Overall rating").select_option("5")
    page.get_by_label("What went well").fill("Generous and precise.")
    page.get_by_role("button", name="Submit feedback").click()
    page.get_by_role("heading", name="Their feedback").wait_for()
    assert page.get_by_text("Careful interviews, clear write-up.").is_visible()
    page.get_by_label("Send a thank-you note").fill("Thank you, Maya — I learned a lot.")
    page.get_by_role("button", name="Send thanks").press("Enter")
    page.get_by_text("You said thanks").wait_for()
    expect(page.get_by_role("status").filter(has_text="Thank-you note sent")).to_be_focused()
    assert_accessible(page)
    assert_fits_width(page)

    # The public profile shows the verified experience, and its data says who confirmed it.
    handle = drafter.profile.handle
    page.goto(f"{page.base}/u/{handle}/")
    experience = page.get_by_role("heading", name="Verified experience")
    experience.wait_for()
    # Issue 13 point 2: the mentor, the endorsement and the thanks' sender are drawn.
    timeline = page.get_by_role("list", name="Verified experience, newest first")
    timeline.get_by_role("heading", name="Interview five podcast listeners").wait_for()
    assert timeline.get_by_role("link", name="Maya Mentor").first.is_visible()
    assert timeline.get_by_text("“Sam runs great interviews.”").is_visible()
    thanks = page.locator(".thanks-list")
    assert thanks.get_by_text("Thank you, Maya — I learned a lot.").count() == 0  # sent by Sam
    assert page.get_by_role("img", name="Skills by level").count() in (0, 1)
    assert_accessible(page)
    # The shareable proof page, with its LinkedIn link from the API.
    timeline.get_by_role("link", name=re.compile("Shareable page")).click()
    page.get_by_role("heading", name="Interview five podcast listeners", level=1).wait_for()
    page.get_by_role("link", name=re.compile("Add to LinkedIn")).wait_for()
    assert page.locator('meta[property="og:title"]').get_attribute("content")
    assert_accessible(page)
    # The mentor shows Sam's thanks on their profile: the toggle says so and links there.
    log_out(page)
    log_in(page, mentor)
    page.goto(engagement_url)
    page.get_by_label("Show this note on my public profile").check()
    shown = page.get_by_role("status").filter(has_text="Shown on your public profile.")
    expect(shown).to_be_focused()
    page.get_by_role("link", name="See your profile").click()
    page.get_by_role("heading", name="Thanks received").wait_for()
    page.locator(".thanks-list").get_by_text("Thank you, Maya — I learned a lot.").wait_for()
    assert page.locator(".thanks-list").get_by_role("link", name="Sam Drafter").is_visible()
    response = page.request.get(f"{page.base}/api/v1/profiles/{handle}/experience/")
    [entry] = response.json()["verified_experience"]
    assert entry["task_title"] == "Interview five podcast listeners"
    assert entry["mentor"]["display_name"] == "Maya Mentor"
    assert entry["endorsement"]["text"] == "Sam runs great interviews."


def test_marketplace_pages_pass_axe_and_fit_a_phone(page):
    user = UserFactory()
    log_in(page, user)
    for path, heading in [
        ("/tasks/", "Browse overflow tasks"),
        ("/dashboard/", "Your dashboard"),
        ("/notifications/", "Notifications"),
        ("/for-you/", "Tasks for you"),
        ("/tasks/new/", "Post an overflow task"),
        ("/", None),
    ]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
        if heading:
            assert page.get_by_role("heading", name=heading, level=1).is_visible()
        assert_accessible(page)
        assert_fits_width(page)


def test_task_page_offers_the_right_panel_to_each_visitor(page):
    task = TaskFactory(title="Tidy a research archive")
    # A visitor who is not signed in is invited to log in and apply.
    page.goto(f"{page.base}/tasks/{task.pk}/")
    page.get_by_role("link", name="Log in to apply").wait_for()
    assert not page.get_by_text("not taking applications").is_visible()
    # The mentor manages the task instead of being told it takes no applications.
    log_in(page, task.mentor)
    page.goto(f"{page.base}/tasks/{task.pk}/")
    page.get_by_role("heading", name="Your task").wait_for()
    assert page.get_by_role("button", name="Close to new applications").is_visible()
    assert not page.get_by_text("not taking applications").is_visible()
    assert_accessible(page)


def test_application_page_draws_only_what_is_there_and_declines_in_place(page):
    task = TaskFactory(title="Sort a photo library", questions=["Which tools do you use?"])
    drafter = UserFactory(finish__display_name="Sam Drafter")
    item = PortfolioItemFactory(owner=drafter, title="Family archive, tagged")
    application = application_create(
        task_id=task.pk,
        drafter=drafter,
        note="I tag archives for fun.",
        portfolio_item_ids=[item.pk],
        answers=["Lightroom and a spreadsheet."],
    )
    log_in(page, task.mentor)
    page.goto(f"{page.base}/applications/{application.pk}/")
    page.get_by_text("Lightroom and a spreadsheet.").wait_for()
    # No work-sample link and no decline note: nothing is drawn for them (it once read "null").
    text = page.locator("main").inner_text()
    for junk in ("null", "undefined", "[object"):
        assert junk not in text
    assert "Work sample" not in text
    assert_accessible(page)

    # Declining happens on this page; focus lands on what happened, the buttons are gone.
    page.get_by_role("button", name="Decline Sam Drafter").press("Enter")
    confirm(page, "Decline", note="Thank you — we went another way.")
    expect(page.get_by_role("status").filter(has_text="Declined.")).to_be_focused()
    page.get_by_text("Your note: Thank you — we went another way.").wait_for()
    assert not page.get_by_role("button", name="Accept Sam Drafter").is_visible()
