"""A second staffer at an office already on Slipstream (issue 19): Kim, whose confirmed address
is on Riverbend's domain, asks to join from /careers/; Priya, the office's admin, follows her
notice's link to Office settings and finds the invite form filled in with Kim's address, the
role left for her to choose."""

from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Notification
from accounts.services.institutions import institution_membership_on_email_verified
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import log_in
from tests.factories import UserFactory

SCREENS = Path("/tmp/g1")


def _kim():
    kim = UserFactory(email="kim.office@riverbend.edu", finish__display_name="Kim Office")
    kim.profile.joins_career_office = True
    kim.profile.wants_to_draft = kim.profile.wants_to_mentor = False
    kim.profile.save()
    institution_membership_on_email_verified(user=kim, email=kim.email)
    return kim


def test_kim_asks_to_join_and_priya_finds_the_invite_form_filled_in(page, browser):
    office = staff_only_office_admin()
    kim = _kim()
    log_in(page, kim)
    page.goto(page.base + "/careers/")
    already = page.locator("[data-already]")

    already.get_by_role("button", name="Ask to join").click()

    expect(already.locator("[data-ask-said]")).to_have_text(
        "Request sent: Priya Shah has been told. When they invite you, the invitation shows "
        "on this page and comes by e-mail."
    )
    expect(already.get_by_role("button", name="Ask to join")).to_be_hidden()
    expect(already.locator("[data-ask-said]")).to_be_focused()
    expect(
        already.get_by_role("button", name="This is a different office at the same university")
    ).to_be_visible()
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "kim-asked")

    page.reload()  # a return visit the same day says when, with nothing to press again
    expect(already.get_by_role("button", name="Ask to join")).to_be_hidden()
    expect(already.locator("[data-ask-said]")).to_contain_text(
        "Asked on "
        + timezone.localtime(Notification.objects.get().created_at).strftime("%-d %b")
        + " — admins have been told."
    )

    notice = Notification.objects.get(kind="staff_access_requested", recipient=office.admin)
    priya = browser.new_context(base_url=page.base).new_page()
    priya.base = page.base
    log_in(priya, office.admin)
    priya.goto(priya.base + notice.url)

    email = priya.get_by_label("Colleague's e-mail")
    expect(email).to_have_value("kim.office@riverbend.edu")
    expect(email).to_be_focused()
    expect(priya.get_by_label("Role")).to_have_value("viewer")
    expect(priya.locator('[data-say="invitations"]')).to_have_text(
        "kim.office@riverbend.edu asked to join: choose their role, then press Send invitation."
    )
    assert_accessible(priya)
    shoot_both_widths(priya, SCREENS, "priya-invite-prefilled")


def test_an_invite_link_that_is_not_an_address_fills_nothing(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)

    page.goto(page.base + "/careers/settings/?invite=%3Cscript%3Ex#colleagues")

    expect(page.get_by_role("heading", name="Colleagues")).to_be_visible()
    expect(page.get_by_label("Colleague's e-mail")).to_have_value("")
