"""Sign up → verify the e-mail address → log out → log in, as a person would in Chromium."""

import re

from django.core import mail

from tests.browser.conftest import assert_accessible

PASSWORD = "a-very-decent-passphrase-42"


def test_signup_verify_and_login(page):
    page.goto(page.base + "/")
    page.get_by_role("link", name="Sign up").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Create my account", re.I)).click()

    # Signed in at once; the waiting page asks for the e-mailed link.
    page.get_by_role("heading", name="Confirm your e-mail address").wait_for()
    assert_accessible(page)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base + "/accounts" + link.split("/accounts", 1)[1])
    page.wait_for_url("**/welcome/")  # one click confirms: no second "Confirm" page
    assert_accessible(page)
    page.get_by_role("button", name="Log out", include_hidden=True).wait_for(state="attached")

    page.locator("[data-account-menu] > summary").click()  # Log out lives in the account menu
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").first.click()
    assert_accessible(page)
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.get_by_role("button", name="Log out", include_hidden=True).wait_for(state="attached")


def test_login_with_wrong_password_shows_an_error(page, user):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill("not-the-password")
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    error = page.locator(".errorlist")
    error.wait_for()
    assert "password" in error.inner_text().lower()
    assert_accessible(page)
