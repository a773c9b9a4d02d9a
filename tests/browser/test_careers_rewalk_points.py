"""The career-office re-walk's points, in a real browser: an invited colleague signs up from
the link with the invited address and goes straight to Your name / Accept (no second
confirmation), and a key's secret leaves the screen once that key (or any other) is revoked or
the next one is created."""

import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.services.staff_invitations import staff_invitation_create
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import confirm
from tests.browser.first_use import log_in

SCREENS = Path("/tmp/s3")


def _create_key(page, name: str) -> None:
    page.get_by_label("Key name").fill(name)
    page.get_by_role("button", name="Create key").click()
    expect(page.locator('[data-say="keys"]')).to_contain_text(name)


def test_a_revoked_keys_secret_does_not_stay_on_screen(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")
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


def test_an_invited_colleague_signs_up_from_the_link_and_accepts_without_a_second_confirmation(
    page,
):
    office = staff_only_office_admin()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email="lee.park@riverbend.edu",
        staff_role="viewer",
        confirm_outside_domains=True,
    )
    path = issued.link.split("://", 1)[1].split("/", 1)[1]
    mail.outbox.clear()

    page.goto(f"{page.base}/{path}")
    expect(page.get_by_text("it needs no confirmation e-mail")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Create an account").click()
    page.wait_for_url(re.compile(r".*/accounts/signup/\?.*next=.*careers.*join.*"))
    expect(page.get_by_label("Email")).to_have_value("lee.park@riverbend.edu")
    page.get_by_label("Password:", exact=True).fill("a-very-decent-passphrase-42")
    page.get_by_label("Password (again)").fill("a-very-decent-passphrase-42")
    page.get_by_role("button", name=re.compile("^Sign up$|^Create", re.I)).click()

    # Straight to the join page, confirmed: Your name / Accept, no "check your inbox".
    page.wait_for_url(f"**/{path}")
    page.get_by_label("Your name").fill("Lee Park")
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url(re.compile(r".*/careers/(\?joined=viewer)?$"))
    assert InstitutionMembership.objects.filter(
        user__email="lee.park@riverbend.edu", role="staff", staff_role="viewer"
    ).exists()
    assert not any("confirm-email" in message.body for message in mail.outbox)


def test_a_career_office_sign_up_is_sent_to_its_office_not_the_drafters_profile(page):
    page.goto(page.base + "/accounts/signup/?role=career_office")
    page.get_by_label("Email").fill("dana@riverbend.edu")
    page.get_by_label("Password:", exact=True).fill("a-very-decent-passphrase-42")
    page.get_by_label("Password (again)").fill("a-very-decent-passphrase-42")
    page.get_by_role("button", name=re.compile("^Sign up$|^Create", re.I)).click()
    page.wait_for_url("**/accounts/confirm-email/")
    expect(page.get_by_text("Creating your institution or accepting a colleague")).to_be_visible()
    expect(page.get_by_text("Applying, posting a task")).to_have_count(0)
    shoot_both_widths(page, SCREENS, "confirm-email-office")
    page.get_by_role("link", name="Go to your career office").click()
    page.wait_for_url("**/careers/")
