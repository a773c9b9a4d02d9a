"""The career-office re-walk's points, in a real browser: a key's secret leaves the screen once
that key (or any other) is revoked or the next one is created."""

from playwright.sync_api import expect

from tests.browser.careers_pages import staff_only_office_admin
from tests.browser.conftest import confirm
from tests.browser.first_use import log_in


def _create_key(page, name: str) -> None:
    page.get_by_label("Key name").fill(name)
    page.get_by_role("button", name="Create key").click()
    expect(page.locator('[data-say="keys"]')).to_contain_text(name)


def test_a_revoked_keys_secret_does_not_stay_on_screen(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    panel = page.locator("[data-new-key]")
    secret = page.locator("[data-new-key-value]")

    _create_key(page, "Handshake sync")
    expect(panel).to_be_visible()
    first = secret.text_content()
    assert first and first.startswith("slk_")

    # Creating the next key shows only the new secret.
    _create_key(page, "Reporting job")
    expect(secret).not_to_have_text(first)

    # Revoking the key just created takes its secret off the screen.
    page.get_by_role("button", name="Revoke Reporting job").click()
    confirm(page, "Revoke Reporting job")
    row = page.locator("[data-keys] tr", has_text="Reporting job")
    expect(row.locator("td[data-label=Status]")).to_have_text("Revoked")
    expect(panel).to_be_hidden()
    expect(page.get_by_text("it will not be shown again")).to_be_hidden()
    assert secret.text_content() == ""

    # So does revoking any other key while a new secret is shown.
    _create_key(page, "Nightly export")
    expect(panel).to_be_visible()
    page.get_by_role("button", name="Revoke Handshake sync").click()
    confirm(page, "Revoke Handshake sync")
    expect(page.locator('[data-say="keys"]')).to_contain_text("revoked")
    expect(panel).to_be_hidden()
