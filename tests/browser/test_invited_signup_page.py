"""From a colleague's invitation, the sign-up page is about joining that office: no drafter or
mentor box to tick, no "create your institution next" hint, the career office's pitch (not the
drafter's), and signing up leads back to the invitation to accept."""

from pathlib import Path

from playwright.sync_api import expect

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.services.staff_invitations import staff_invitation_create
from tests.browser.careers_pages import shoot_both_widths
from tests.browser.conftest import assert_accessible
from tests.careers.conftest import make_office

SHOTS = Path("/tmp/g2")


def test_the_invited_sign_up_asks_no_role_and_pitches_the_office(page):
    office = make_office()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email="lee@elsewhere.org",
        staff_role="viewer",
        confirm_outside_domains=True,
    )
    path = issued.link.split("://", 1)[1].split("/", 1)[1]

    page.goto(f"{page.base}/{path}")
    page.get_by_role("link", name="Create an account").first.click()
    page.wait_for_url("**/accounts/signup/**")
    main = page.get_by_role("main")
    expect(main.locator("[data-joining-office]")).to_contain_text("career office as a viewer")
    expect(main.get_by_role("checkbox")).to_have_count(0)
    expect(main).not_to_contain_text("create their institution")
    expect(main.locator('[data-pitch="career_office"]')).to_be_visible()
    expect(main.locator('[data-pitch="drafter"]')).to_be_hidden()
    assert_accessible(page)
    shoot_both_widths(page, SHOTS, "invited-signup")

    page.get_by_label("Password:", exact=True).fill("a-very-decent-passphrase-42")
    page.get_by_label("Password (again)").fill("a-very-decent-passphrase-42")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(f"**/{path}")
    expect(page.get_by_role("button", name="Accept the invitation")).to_be_visible()
